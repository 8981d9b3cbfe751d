"""Language tables for punctuation rules shared by the spacing and splice families.

Small constant tables only: abbreviations that end in a period (so a period
after them is not a sentence end), one-letter words (so ``В городе`` is not a
broken word), words that cannot stand before a comma or period (so ``the ,`` is
an orphan), legitimately doubled words, and UI words that boilerplate glues onto
neighbouring text.

>>> is_abbreviation("etc", "en"), is_abbreviation("г", "bg"), is_abbreviation("house", "en")
(True, True, False)
>>> is_one_letter_word("В", "ru"), is_one_letter_word("H", "en")
(True, False)
>>> is_orphan_word("the", "en"), is_orphan_word("house", "en")
(True, False)
"""

from __future__ import annotations

__all__ = [
    "ABBREVIATIONS",
    "ONE_LETTER_WORDS",
    "ORPHAN_WORDS",
    "DOUBLE_OK",
    "DOUBLE_BAD",
    "GLUE_LEFT_WORDS",
    "GLUE_RIGHT_WORDS",
    "COMMON_SHORT_WORDS",
    "SENTENCE_START_WORDS",
    "is_abbreviation",
    "is_one_letter_word",
    "is_orphan_word",
    "is_double_ok",
]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Abbreviations written with a final period, lowercase, without that period.
#: ``"*"`` holds those common to many languages (Latin, units, titles).
ABBREVIATIONS: dict[str, frozenset[str]] = {
    "*": _words(
        "etc cf vs viz approx ca cca ibid op cit al fig figs vol vols no nos nr pp p s ed eds "
        "jr sr mr mrs ms dr prof st mt gen col lt sgt capt gov sen rep rev hon inc ltd co corp "
        "bros dept univ assoc est min max tel fax ext art sec ch chap para app ref resp incl "
        "excl esp misc abbr approx avg dir mgr ave blvd rd sq ft oz lb lbs km cm mm kg mg ml "
        "hr hrs sec yr yrs mo mos wk jan feb mar apr jun jul aug sep sept oct nov dec "
        "mon tue tues wed thu thur thurs fri sat sun a.m p.m am pm nb ps ie eg "
        "mio mrd bzw usw vgl ggf inkl exkl zzgl evtl ggü mind gest geb einschl hrsg jh jhd "
        "abb tab kap bsp bd dipl ing mag dt franz lat engl griech "
        "env éd coll cie mme mlle mm av apr j.-c hab "
        "núm pág págs aprox ej dcha izq sra srta ud uds vd vda dña pto "
        "např tzv atd tj mj popř tzn zejm str cit aj tzn"
    ),
    "ru": _words(
        "г гг т е др пр см напр т.е т.д т.п тыс млн млрд руб коп ул пер пл просп обл р "
        "с стр гл рис табл им акад проф доц ст мл ок св н.э вв в англ нем франц лат греч "
        "т.к т.н т.о. ср сокр примеч прим ред изд"
    ),
    "bg": _words(
        "г гр с ул бул бл вх ет ап т.е т.н др пр напр вж вкл млн млрд хил лв ст ч мин сек "
        "проф доц акад изд стр гл рис табл им англ нем франц лат в вв ок св н.е т.нар"
    ),
    "uk": _words(
        "грец лат англ нім франц р рр т ін інш див напр тис млн млрд грн коп вул пл обл с стор гл рис табл ім акад "
        "проф доц ст ок св"
    ),
    "de": _words("z d h u a o s ca bzw usw vgl ggf inkl evtl ggü mind str nr jh jhd abs"),
    "fr": _words("env éd coll cie mme mlle av apr hab etc cf p ex"),
    "el": _words("κ π.χ δηλ βλ σελ χλμ εκ τ.μ κλπ κτλ"),
    "hr": _words("npr tj sl itd god st br str tzv"),
    "fi": _words("esim ks mm ns ym jne tms n ts klo vrt eli"),
}

#: Words of one letter, per script (uppercase), that are real words in some language.
ONE_LETTER_WORDS: dict[str, frozenset[str]] = {
    "*": frozenset("AIOYEUÀÉÈÔ"),
    "ru": frozenset("ВСКУОИАЯЖ"),
    "bg": frozenset("ВСКУОИАЯЖ"),
    "uk": frozenset("ВСКУОИАЯЙЖІЄ"),
    "pl": frozenset("WZIAOU"),
    "cs": frozenset("VSKZAOUI"),
    "sk": frozenset("VSKZAOUI"),
    "hr": frozenset("USKIAO"),
    "sl": frozenset("VSKZAOUI"),
    "el": frozenset("ΟΗΑΕ"),
}

#: Words that cannot end a clause: a comma or period right after one means the
#: next word (a link, a name, a figure) was dropped.
ORPHAN_WORDS: dict[str, frozenset[str]] = {
    "en": _words("the an than such_as"),
    "fr": _words("le la les un une du au aux des"),
    "es": _words("el los las una del al"),
    "pt": _words("os um uma do da dos das ao"),
    "it": _words("il lo gli una del della dei degli delle"),
    "de": _words("von vom zum zur beim"),
    "ru": _words("в на с к от для из по при без"),
    "bg": _words("в на с от за към по при без"),
    "uk": _words("в на з до від для із по при без"),
}

#: Words whose doubling is grammatical or idiomatic (lowercase).
DOUBLE_OK: frozenset[str] = _words(
    "that had is was do bye very so no yes ha he hee ho tut tsk blah chop knock go well "
    "nous vous si là là-bas "
    "die der das den dem des sie es ihr wer was "
    "да нет не ну так очень еле чуть едва давно ха хе ой ай ах ох "
    "ну ні так дуже ой ха "
    "να το τα "
    "and really much many more"
)

#: Short function words that are never doubled in edited text (``of of``,
#: ``de de``, ``на на``); other doubles (``ура ура``, ``hip hip``) are often idiom.
DOUBLE_BAD: frozenset[str] = _words(
    "of the to in for on at by with from and or an is are was were be has have that's "
    "de du des le la les un une et à en pour par sur dans au aux "
    "und mit von zu im auf für ein eine einen dem den "
    "el los las y con por para del al una "
    "il lo gli della di da con per "
    "в на с от за по и к из для при о об до "
    "у з від та із "
    "και το του της στο στη με σε από"
)

#: Capitalised words that page furniture glues to the START of the next text
#: (``CreditErik``, ``PhotoIllustration``); brand prefixes (Power, You, Mac) are absent.
GLUE_LEFT_WORDS: frozenset[str] = _words(
    "Credit Credits Photo Photos Foto Fotos Image Images Imagen Source Fuente Quelle Bild "
    "Crédit Crédits Advertisement Anzeige Publicité Publicidad Sponsored Links Video Videos "
    "Skip Follow Unfollow Comments Related Dismiss Undismiss Email "
    "Subscribe Reply Login Logout Register Profile Updated Published Posted "
    # the same furniture in other Latin-script languages (photo credits, ads, sharing)
    "Crédito Créditos Imagem Reprodução Divulgação Publicidade Werbung Bildquelle Fotografía "
    "Pubblicità Advertentie Reklama Zdjęcie Anuncio Annonce"
)

#: Capitalised words that page furniture glues to the END of the previous text.
GLUE_RIGHT_WORDS: frozenset[str] = _words(
    "Sponsored Advertisement Anzeige Publicité Publicidad Skip Share Follow Unfollow Subscribe "
    "Reply Comments Comment Print Email Tweet Pin Login Logout Register Dismiss Undismiss Close "
    "Menu Search Related More Next Previous Credit Credits Photo Photos Source Fuente Quelle "
    "Updated Published Posted Watch Listen Download Privacy Terms Contact Cookies Copyright "
    # the same furniture in other Latin-script languages
    "Teilen Kommentare Werbung Weiterlesen Partager Commentaires Compartir Comentarios Compartilhar "
    "Comentários Publicidade Condividi Commenti Pubblicità Delen Reacties Advertentie Udostępnij "
    "Komentarze Reklama Sdílet Diskuse Crédito Créditos Reprodução Divulgação"
)

#: Capitalised words that open sentences in Latin-script languages: one glued to
#: the end of a lowercase word (``AllanThe Gray Adder``, ``tripMr Obama``) is two
#: texts joined without a break. Words that end brand or name humps (``LinkedIn``,
#: ``ComicCon``, ``KnowHow``, ``DoctorWho``, ``GingerAle``, ``JustDoIt``, ``SaveAs``) are left out.
SENTENCE_START_WORDS: frozenset[str] = _words(
    "The This That These Those There Here They Their Then When While What Which Why Where After Before "
    "Since Although Though However And But From With Into About His Her Its Our Your She "
    "Mr Mrs Ms Dr He We My "
    "Les Des Une Dans Pour Par Sur Avec Mais Elle Ils Elles Nous Vous Je Cette Ces Leur Depuis Selon Lorsque "
    "Quand Comme Alors "
    "Der Die Das Den Dem Ein Eine Einen Und Aber Auch Wir Sie Ich Mit Bei Nach Als Wie Wenn Dass Doch "
    "Los Las Una Unos Por Para Pero Cuando Este Esta Estos Desde Uma Quando Segundo "
    "Gli Questo Questa Anche Dopo Het Een Maar Ook Deze"
)

#: Short common words: a single capital followed by one of them is a normal
#: phrase (``Plan B was``), not a word broken by a space.
COMMON_SHORT_WORDS: frozenset[str] = _words(
    "is was are were be been am to of in on at by for and or the an as it its he she we they "
    "his her has had have do did does not no so if but with from that this than then said says "
    "say will would can could may might must shall should one two all any our your my me us "
    "de la le les et en du un une des est pour par sur au aux il elle on ne pas qui que "
    "der die das und ist in im zu den dem des mit von ein eine für auf als es sie er "
    "el los las y es en del por con una para se lo que su al "
    "и в на с за от по не е се да че са то как"
)


def _lookup(table: dict[str, frozenset[str]], key: str, lang: str) -> bool:
    return key in table.get("*", frozenset()) or key in table.get(lang, frozenset())


def is_abbreviation(word: str, lang: str = "und") -> bool:
    """True when ``word`` (without its final period) is a known abbreviation.

    >>> is_abbreviation("Prof", "de"), is_abbreviation("напр", "bg")
    (True, True)
    """
    w = word.lower()
    if _lookup(ABBREVIATIONS, w, lang):
        return True
    # Languages share many abbreviations across close neighbours (ru/bg/uk).
    return any(w in ABBREVIATIONS[k] for k in ("ru", "bg", "uk", "de", "fr", "el", "hr", "fi"))


def is_one_letter_word(letter: str, lang: str = "und") -> bool:
    """True when the uppercase ``letter`` is a word on its own in ``lang`` (or any language if unknown).

    >>> is_one_letter_word("W", "pl"), is_one_letter_word("W", "en")
    (True, False)
    """
    if _lookup(ONE_LETTER_WORDS, letter, lang):
        return True
    if lang == "und":
        return any(letter in s for s in ONE_LETTER_WORDS.values())
    return False


def is_orphan_word(word: str, lang: str = "und") -> bool:
    """True when ``word`` (lowercase, ``such_as`` for the pair) cannot end a clause in ``lang``.

    >>> is_orphan_word("la", "fr"), is_orphan_word("la", "en")
    (True, False)
    """
    return word.lower() in ORPHAN_WORDS.get(lang, frozenset())


def is_double_ok(word: str) -> bool:
    """True when doubling ``word`` can be grammatical or idiomatic (``that that``, ``ура ура``).

    Only short function words (``DOUBLE_BAD``) count as a splice when doubled.

    >>> is_double_ok("That"), is_double_ok("of"), is_double_ok("hip")
    (True, False, True)
    """
    w = word.lower()
    return w in DOUBLE_OK or w not in DOUBLE_BAD
