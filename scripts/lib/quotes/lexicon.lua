-- lib.quotes.lexicon: the word classes the quote rule reads (speech verbs,
-- function words, the nouns bodies and officials are called by), as data.

local set = require("lib.text").word_set
local M = {}

-- speech verbs; those marked in REPORT also introduce reported speech
M.CUE = set [[
  said says say told tells added adds stressed stresses emphasized emphasised emphasizes
  emphasises urged urges called calls wrote writes stated states noted notes insisted
  insists asserted asserts warned warns argued argues claimed claims declared declares
  announced announces explained explains recalled recalls underlined underlines
  underscored underscores highlighted highlights acknowledged acknowledges admitted admits
  asked asks replied replies responded responds continued concluded suggested suggests
  welcomed welcomes promised promises pledged pledges offered offers reiterated reiterates
  affirmed reaffirmed confirmed confirms denied denies tweeted posted told observed
  maintained maintains predicted cautioned vowed vows described describes believes believed
  agreed agrees estimated testified testifies joked quipped retorted countered boasted bragged
  conceded concedes contended contends complained complains alleged alleges mused wondered
  reported reports
]]
M.REPORT = set [[
  said says say told tells added adds stressed stresses emphasized emphasised emphasizes
  emphasises stated states noted notes insisted insists asserted asserts warned warns
  argued argues claimed claims declared declares announced announces explained explains
  underlined underlines underscored underscores acknowledged acknowledges admitted admits
  replied responded suggested suggests welcomed welcomes reiterated reiterates affirmed
  reaffirmed confirmed confirms denied denies tweeted wrote writes observed maintained
  maintains predicted cautioned believes believed agreed agrees recalled recalls
  estimated estimates ruled
  reported reports testified testifies think thinks believe
  suggest indicated indicates revealed reveals
  conceded concedes contended contends complained complains boasted bragged speculated
  projected hinted implied alleged alleges countered retorted joked mused
  argue admit insist claim warn
]]
-- verbs that can report speech without "that" ("said the attack was ...")
M.ZERO_THAT = set [[ said says say stated added wrote insisted argued claimed warned
  noted believes believed adds argues insists claims warns notes believe think thinks
  thought suggest suggests suggested indicated
  indicates revealed reveals conceded concedes complained boasted bragged alleged testified
  reported reports contended countered argue argued admit admitted insist insisted claim warn
  warned hinted predicted acknowledged ]]
-- of those, the verbs that take a noun object as often ("revealed the plan",
-- "reported the attack"): reported speech only before a finite clause.
-- (What polls and studies show or found is no speech: not listed.)
M.CLAUSE_ONLY = set [[ suggest suggests suggested indicated
  indicates revealed reveals conceded concedes complained boasted bragged alleged testified
  reported reports contended countered argue admit admitted insist claim warn hinted predicted
  acknowledged ]]
M.ADVERB = set [[ also again later then further previously repeatedly recently had has
  have would will once still earlier separately subsequently quickly even just already ]]
M.PRONOUN = { he = "he", she = "she", ["He"] = "he", ["She"] = "she" }
M.DET = set [[ the a an ]]
-- lower-case words before "officials" that say who they are not
M.NOT_A_BODY = set [[ senior top local regional national former other some many several
  two three four unnamed anonymous western two-thirds the a an and of said more most ]]
M.POSSESSIVE_PRONOUN = set [[ his her its their our my your ]]
-- words that open a relative clause
M.RELATIVE = set [[ who which whose whom ]]
-- what a business story calls the company its headline names
M.COMPANY_NOUN = set [[ company firm group carmaker automaker airline bank lender insurer
  retailer chipmaker manufacturer ]]
-- common nouns a body is called by on second mention: "the alliance said"
M.BODY = set [[ alliance ministry agency company union government army police court
  committee group party bank council board commission organisation organization department
  office institute association federation authority authorities league force forces service firm
  campaign network administration newspaper
  carmaker automaker airline lender insurer retailer chipmaker manufacturer ]]
M.OFFICIAL = set [[ official officials spokesman spokeswoman spokesperson diplomat
  analyst analysts economist economists strategist strategists
  diplomats source sources officer aide aides representative
  expert experts critic critics adviser advisers advisor advisors lawyer lawyers attorney
  attorneys members supporters opponents observers residents researchers scientists
  prosecutors investigators pollsters activists organizers delegate delegates negotiator
  negotiators ]]
M.ROLE = set [[ head chief leader president minister secretary general premier
  chancellor ambassador envoy commander mayor governor spokesman spokeswoman spokesperson
  prime foreign defence defense deputy director chairman chairwoman chair boss king queen
  pope senator representative ]]
-- capitalized words that are not names
M.NOT_NAME = set [[ The A An This That These Those It Its He She They We I You His Her
  Their Our In On At By For From With As After Before During Since But And Or If When While
  However Meanwhile Also Last Next According Speaking Asked Both All Some Many Most No Not
  There Here What Who How Why Where Which Such Other Another Each Every One Of
  Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May
  June July August September October November December Mr Mr. Mrs Mrs. Ms Ms. Dr Dr. ]]
-- words that make a capitalized sequence an organisation or place, not a person
M.ORG_WORD = set [[ Union Council Nations Force Forces Ministry Party Dialogue Balkans
  Republic Kingdom States Headquarters Agency Organization Organisation Office Committee
  Commission Parliament Assembly Government Army Police Court Bank Fund Network Institute
  University Association Alliance Mission Community Coalition Front Movement Group News
  Times Post Press Service Services Hague Sea Ocean River City Province Region ]]

return M
