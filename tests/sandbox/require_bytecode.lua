-- A report whose module is bytecode: run as `lede report PATH`, sandboxed
-- by default (it is outside the install). arg[1] is make_bytecode's folder.
package.path = arg[1] .. "/mods/?.lua;" .. package.path
require "evilmod"
print("ESCAPED: require returned")
