/*
 * lbind.h — the Lua boundary as the rest of the C code sees it. It is
 * implemented in src/lua/ (one file per class or library; their shared
 * header is src/lua/lua_common.h), the only place that knows how lede
 * objects look from Lua.
 */
#ifndef LEDE_LBIND_H
#define LEDE_LBIND_H

#include "lede/lede.h"
#include <lua.h>

/* Open the `lede` module: leaves the module table on the stack (for
 * luaL_requiref). Fields: lede.version, lede.load, lede.re, lede.json,
 * lede.options (a table the host fills: output format etc.). */
int luaopen_lede(lua_State *L);

/* Push a corpus userdata that takes ownership of c: the corpus is freed
 * when the last Lua object pointing into it is collected. */
void lede_lua_push_corpus(lua_State *L, lede_corpus *c);

/* Push a corpus userdata that does NOT own c (a -j worker's view of the
 * main corpus; the C corpus is only read, never changed, while shared). */
void lede_lua_push_corpus_view(lua_State *L, lede_corpus *c);

/* Push a Stream userdata that takes ownership of s (lede run --stream). */
void lede_lua_push_stream(lua_State *L, lede_stream *s);

/* If the value at idx is a corpus userdata, return its C corpus, else NULL. */
lede_corpus *lede_lua_tocorpus(lua_State *L, int idx);
/* If the value at idx is an article userdata, return its C article, else NULL. */
lede_article *lede_lua_toarticle(lua_State *L, int idx);

/* lede.tagger (src/lua/lua_tagger.c): pushes the module table. */
int luaopen_lede_tagger(lua_State *L);
/* lede.width, lede.fit (src/lua/lua_width.c): set on the module table at mod. */
void lede_width_register(lua_State *L, int mod);
/* lede.keyscan (src/lua/lua_keyscan.c): set on the module table at mod. */
void lede_keyscan_register(lua_State *L, int mod);
int luaopen_lede_progress(lua_State *L);   /* lua/lua_progress.c */
/* lede.entity (src/lua/lua_entity.c): set on the module table at mod. */
void lede_entity_register(lua_State *L, int mod);

#endif
