"""Words newsrooms use to attribute speech and belief, and titles that come before names."""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Verbs whose clausal complement is what someone said, wrote or holds true.
SPEECH_VERBS: frozenset[str] = _words(
    """
    say tell add write ask claim argue note report announce suggest explain state
    declare insist warn tweet post acknowledge admit concede confirm deny reply
    respond answer recall reveal predict promise pledge vow urge caution contend
    maintain assert allege charge complain continue comment conclude observe
    indicate point mention stress emphasize emphasise remark testify testified
    think believe hope fear feel know expect worry agree estimate guess reckon
    suspect wonder show find decide figure predict propose recommend speculate
    acknowledge assure boast brag counter joke quip muse lament concede inform
    notify remind reiterate repeat signal hint imply reason posit theorize
    question doubt argue accuse blame criticize criticise praise describe
    disagree proclaim exclaim retort
    """
)

# Words the model lemmatises wrongly ("hoping" -> "hop"), set right before any rule reads a lemma.
LEMMA_FIXES: dict[str, str] = {"hopes": "hope", "hoping": "hope", "hoped": "hope"}

# Verbs whose object, infinitive or "as" phrase is what someone said: "called
# Merkel 'the Chancellor of the Free World'", "urged voters to ...", "accused
# Russia of ...". They are cues for a quotation they govern, and for a
# clause only through the patterns in attribution.py.
CONTENT_VERBS: frozenset[str] = _words(
    """
    call label brand dub term describe characterize characterise praise criticize
    criticise blast slam denounce condemn decry attack mock ridicule accuse urge
    demand pledge promise vow offer thank applaud hail dismiss reject defend
    endorse tout chant shout yell scream cry sing recite quote cite read echo
    invoke reference pitch push plead beg exhort implore invite challenge
    """
)

# Verbs whose direct object is what was said or held: "criticized the plan",
# "accused Russia of amassing troops", "called the claims baseless"; the
# last line is the stances PolNeAR's train split most often marks ("backed
# Clinton", "sees Trump as a threat").
OBJECT_VERBS: frozenset[str] = _words(
    """
    call label brand dub term describe characterize characterise praise criticize
    criticise blast slam denounce condemn decry attack mock ridicule accuse demand
    endorse support oppose tout dismiss reject defend blame applaud hail question
    deny acknowledge admit confirm announce propose predict promise pledge
    recommend cite express mention discuss highlight
    back favor prefer view see portray echo consider request seek sign order
    want offer
    """
)

# Speech verbs whose direct object is not what was said: the person addressed
# ("told reporters", "warned voters") or what is known or shown rather than said.
NOT_OBJECT_SPEECH_VERBS: frozenset[str] = _words(
    "tell ask warn show know think believe feel find remind inform notify assure answer"
)

# Verbs whose content is the object of a preposition: "referring to [the
# plan]", "talked about [his record]", "warned of [a crisis]".
PREPOSITION_VERBS: dict[str, frozenset[str]] = {
    "refer": frozenset({"to"}),
    "talk": frozenset({"about"}),
    "speak": frozenset({"about", "of"}),
    "point": frozenset({"to"}),
    "ask": frozenset({"about"}),
    "complain": frozenset({"about", "of"}),
    "warn": frozenset({"of", "about", "against"}),
    "joke": frozenset({"about"}),
    "boast": frozenset({"about", "of"}),
    "brag": frozenset({"about"}),
    "write": frozenset({"about"}),
    "respond": frozenset({"to"}),
}

# Verbs whose to-infinitive is what was said: "urged voters to stay home",
# "called on the army to lay down its arms" (with "on": the army too).
INFINITIVE_VERBS: frozenset[str] = _words(
    """
    urge ask tell call promise pledge vow demand encourage invite challenge warn beg implore exhort threaten
    want plan hope refuse decline seek intend expect agree decide offer aim seem appear
    """
)

# Nouns that report what someone said or holds, with a "that" clause ("her
# claim that she never sent ..."), or, for the second set, with "of", "for" or
# "on" ("Sanders's criticism of the banks").
CLAIM_NOUNS: frozenset[str] = _words(
    """
    claim assertion allegation accusation argument suggestion warning promise pledge
    insistence belief view charge contention denial statement announcement assurance
    prediction threat demand remark comment message hope fear concern
    """
)
STANCE_NOUNS: frozenset[str] = _words("criticism attack praise endorsement condemnation")

# Verbs that only count as speech cues when a quotation is attached to them,
# not with any clausal complement ("she continued to work").
QUOTE_ONLY_VERBS: frozenset[str] = _words("continue begin start put recount describe")

# Nouns that head a subject which is a document rather than a speaker
# ("a statement said"): still a source for the newsroom.
DOCUMENT_NOUNS: frozenset[str] = _words("statement report poll survey study release letter memo filing document")

PRONOUNS: dict[str, str] = {
    "he": "person",
    "him": "person",
    "she": "person",
    "her": "person",
    "i": "person",
    "we": "group",
    "they": "group",
    "it": "organisation",
    "you": "person",
}

# Words that describe a role rather than name a person: dropped when the
# newsroom wants the name ("spokesperson Dmitry Peskov" -> "Dmitry Peskov").
TITLE_WORDS: frozenset[str] = _words(
    """
    president vice prime minister secretary spokesperson spokesman spokeswoman
    senator sen sen. rep rep. representative governor gov gov. mayor chancellor
    leader chairman chairwoman chair director chief executive ceo officer official
    ambassador general gen gen. colonel col col. lt lt. sgt admiral commander judge
    justice attorney lawyer candidate nominee former deputy assistant press
    department state foreign defense defence interior house white ministry
    mr mr. mrs mrs. ms ms. dr dr. prof prof. professor sir lady lord king queen
    prince princess pope rev rev. reverend speaker majority minority whip
    democratic republican democrat gop u.s. us american russian ukrainian chinese
    british french german belarusian kremlin state-run presidential campaign
    manager adviser advisor aide analyst economist expert researcher author
    founder host anchor reporter editor columnist correspondent
    the a an his her their its of
    """
)
