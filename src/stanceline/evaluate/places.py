"""Countries by any of their names: for matching a government with its country or capital.

The ISO 3166 names come from ``pycountry`` (the maintained resource: short, official and
common names, alpha-3 codes). ISO lists neither capitals nor demonyms, and it lacks the
short forms news writes ("Russia", "Britain", "Turkey"), so :data:`EXTRA` adds them for
every UN member state and the few other states news names as parties (Palestine, Taiwan,
Kosovo, the Holy See). The table is general on purpose: no entry is there for one corpus.

Rules of the table:
- one line per country: ``alpha-2 | other names | demonyms | capitals`` (``;`` between items);
- capitals include the seats of government and the older or other spellings still in print
  (Kyiv and Kiev, Astana and Nur-Sultan, Naypyidaw and Nay Pyi Taw);
- a name written in capitals (``US``, ``DPRK``) matches only as written (so "us" the
  pronoun is not the United States); alpha-3 codes from ISO match the same way;
- a demonym shared by two countries ("Congolese", "Dominican") names both;
- capitals that are ordinary English words are left out (the Maldives' Malé).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

EXTRA = """
AF | | Afghan | Kabul
AL | | Albanian | Tirana
DZ | | Algerian | Algiers
AD | | Andorran | Andorra la Vella
AO | | Angolan | Luanda
AG | Antigua | Antiguan | Saint John's; St John's
AR | | Argentine; Argentinian | Buenos Aires
AM | | Armenian | Yerevan
AU | | Australian | Canberra
AT | | Austrian | Vienna
AZ | | Azerbaijani; Azeri | Baku
BS | Bahamas | Bahamian | Nassau
BH | | Bahraini | Manama
BD | | Bangladeshi | Dhaka
BB | | Barbadian | Bridgetown
BY | | Belarusian | Minsk
BE | | Belgian | Brussels
BZ | | Belizean | Belmopan
BJ | | Beninese | Porto-Novo
BT | | Bhutanese | Thimphu
BO | | Bolivian | Sucre; La Paz
BA | Bosnia | Bosnian | Sarajevo
BW | | Botswanan; Motswana | Gaborone
BR | | Brazilian | Brasilia
BN | Brunei | Bruneian | Bandar Seri Begawan
BG | | Bulgarian | Sofia
BF | | Burkinabe | Ouagadougou
BI | | Burundian | Gitega; Bujumbura
CV | Cape Verde | Cape Verdean; Cabo Verdean | Praia
KH | | Cambodian | Phnom Penh
CM | | Cameroonian | Yaounde
CA | | Canadian | Ottawa
CF | | Central African | Bangui
TD | | Chadian | N'Djamena
CL | | Chilean | Santiago
CN | China; PRC | Chinese | Beijing; Peking
CO | | Colombian | Bogota
KM | | Comorian | Moroni
CG | Congo-Brazzaville; Republic of Congo | Congolese | Brazzaville
CD | Democratic Republic of the Congo; Democratic Republic of Congo; DR Congo; DRC; Congo-Kinshasa \
| Congolese | Kinshasa
CR | | Costa Rican | San Jose
CI | Ivory Coast | Ivorian | Yamoussoukro; Abidjan
HR | | Croatian | Zagreb
CU | | Cuban | Havana
CY | | Cypriot | Nicosia
CZ | Czech Republic | Czech | Prague
DK | | Danish | Copenhagen
DJ | | Djiboutian | Djibouti
DM | | Dominican | Roseau
DO | | Dominican | Santo Domingo
EC | | Ecuadorian; Ecuadorean | Quito
EG | | Egyptian | Cairo
SV | | Salvadoran | San Salvador
GQ | | Equatorial Guinean | Malabo
ER | | Eritrean | Asmara
EE | | Estonian | Tallinn
SZ | Swaziland | Swazi | Mbabane
ET | | Ethiopian | Addis Ababa
FJ | | Fijian | Suva
FI | | Finnish | Helsinki
FR | | French | Paris
GA | | Gabonese | Libreville
GM | Gambia | Gambian | Banjul
GE | | Georgian | Tbilisi
DE | | German | Berlin
GH | | Ghanaian | Accra
GR | | Greek | Athens
GD | | Grenadian | Saint George's; St George's
GT | | Guatemalan | Guatemala City
GN | | Guinean | Conakry
GW | | Bissau-Guinean | Bissau
GY | | Guyanese | Georgetown
HT | | Haitian | Port-au-Prince
HN | | Honduran | Tegucigalpa
HU | | Hungarian | Budapest
IS | | Icelandic | Reykjavik
IN | | Indian | New Delhi
ID | | Indonesian | Jakarta
IR | Iran | Iranian | Tehran; Teheran
IQ | | Iraqi | Baghdad
IE | | Irish | Dublin
IL | | Israeli | Jerusalem
IT | | Italian | Rome
JM | | Jamaican | Kingston
JP | | Japanese | Tokyo
JO | | Jordanian | Amman
KZ | | Kazakh; Kazakhstani | Astana; Nur-Sultan
KE | | Kenyan | Nairobi
KI | | I-Kiribati | Tarawa
KP | North Korea; DPRK | North Korean | Pyongyang
KR | South Korea; ROK | South Korean | Seoul
KW | | Kuwaiti | Kuwait City
KG | Kirghizia | Kyrgyz | Bishkek
LA | Laos | Lao; Laotian | Vientiane
LV | | Latvian | Riga
LB | | Lebanese | Beirut
LS | | Basotho; Mosotho | Maseru
LR | | Liberian | Monrovia
LY | | Libyan | Tripoli
LI | | Liechtensteiner | Vaduz
LT | | Lithuanian | Vilnius
LU | | Luxembourgish; Luxembourger | Luxembourg
MG | | Malagasy | Antananarivo
MW | | Malawian | Lilongwe
MY | | Malaysian | Kuala Lumpur; Putrajaya
MV | Maldives | Maldivian |
ML | | Malian | Bamako
MT | | Maltese | Valletta
MH | Marshall Islands | Marshallese | Majuro
MR | | Mauritanian | Nouakchott
MU | | Mauritian | Port Louis
MX | | Mexican | Mexico City
FM | Micronesia | Micronesian | Palikir
MD | Moldova | Moldovan | Chisinau
MC | | Monegasque | Monaco
MN | | Mongolian | Ulaanbaatar; Ulan Bator
ME | | Montenegrin | Podgorica
MA | | Moroccan | Rabat
MZ | | Mozambican | Maputo
MM | Burma | Burmese | Naypyidaw; Nay Pyi Taw
NA | | Namibian | Windhoek
NR | | Nauruan | Yaren
NP | | Nepali; Nepalese | Kathmandu
NL | Holland | Dutch | Amsterdam; The Hague
NZ | | New Zealander | Wellington
NI | | Nicaraguan | Managua
NE | | Nigerien | Niamey
NG | | Nigerian | Abuja
MK | Macedonia | Macedonian | Skopje
NO | | Norwegian | Oslo
OM | | Omani | Muscat
PK | | Pakistani | Islamabad
PW | | Palauan | Ngerulmud
PS | Palestine; Palestinian Authority | Palestinian | Ramallah
PA | | Panamanian | Panama City
PG | | Papua New Guinean | Port Moresby
PY | | Paraguayan | Asuncion
PE | | Peruvian | Lima
PH | Philippines | Filipino; Philippine | Manila
PL | | Polish | Warsaw
PT | | Portuguese | Lisbon
QA | | Qatari | Doha
RO | | Romanian | Bucharest
RU | Russia | Russian | Moscow
RW | | Rwandan | Kigali
KN | Saint Kitts; St Kitts | Kittitian | Basseterre
LC | St Lucia | Saint Lucian | Castries
VC | Saint Vincent; St Vincent | Vincentian | Kingstown
WS | | Samoan | Apia
SM | | Sammarinese | San Marino
ST | Sao Tome | Santomean | Sao Tome
SA | | Saudi | Riyadh
SN | | Senegalese | Dakar
RS | | Serbian | Belgrade
SC | | Seychellois | Victoria
SL | | Sierra Leonean | Freetown
SG | | Singaporean | Singapore
SK | Slovakia | Slovak | Bratislava
SI | | Slovenian; Slovene | Ljubljana
SB | Solomon Islands | Solomon Islander | Honiara
SO | | Somali | Mogadishu
ZA | | South African | Pretoria; Cape Town
SS | | South Sudanese | Juba
ES | | Spanish | Madrid
LK | | Sri Lankan | Colombo; Sri Jayawardenepura Kotte
SD | | Sudanese | Khartoum
SR | | Surinamese | Paramaribo
SE | | Swedish | Stockholm
CH | | Swiss | Bern; Berne
SY | Syria | Syrian | Damascus
TJ | | Tajik | Dushanbe
TZ | Tanzania | Tanzanian | Dodoma; Dar es Salaam
TH | | Thai | Bangkok
TL | East Timor | Timorese | Dili
TG | | Togolese | Lome
TO | | Tongan | Nuku'alofa
TT | Trinidad | Trinidadian | Port of Spain
TN | | Tunisian | Tunis
TR | Turkey | Turkish | Ankara
TM | | Turkmen | Ashgabat
TV | | Tuvaluan | Funafuti
UG | | Ugandan | Kampala
UA | | Ukrainian | Kyiv; Kiev
AE | UAE; Emirates | Emirati | Abu Dhabi
GB | Britain; Great Britain; UK | British | London
US | America; USA; US | American | Washington
UY | | Uruguayan | Montevideo
UZ | | Uzbek | Tashkent
VU | | Ni-Vanuatu | Port Vila
VA | Vatican; Holy See | Vatican | Vatican City
VE | Venezuela | Venezuelan | Caracas
VN | Vietnam | Vietnamese | Hanoi
YE | | Yemeni | Sanaa
ZM | | Zambian | Lusaka
ZW | | Zimbabwean | Harare
TW | Taiwan | Taiwanese | Taipei
XK | Kosovo | Kosovar; Kosovan | Pristina; Prishtina
"""

_WORD = re.compile(r"[^\W_]+")
Words = tuple[str, ...]


def words(text: str) -> tuple[Words, Words]:
    """Split a name into words, twice: as written and case-folded.

    Accents are dropped, a possessive ``'s`` and the dots of abbreviations go ("U.S." is
    ``US``), and hyphens and other punctuation separate words ("Jong-un" is two).

    Args:
        text: A name or a phrase.

    Returns:
        ``(raw words, folded words)``, of equal length.
    """
    text = unicodedata.normalize("NFKD", text.replace("\u2019", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"'s\b", "", text).replace(".", "")
    raw = tuple(_WORD.findall(text))
    return raw, tuple(w.casefold() for w in raw)


@lru_cache(maxsize=1)
def place_index() -> tuple[dict[Words, frozenset[str]], dict[Words, frozenset[str]], int]:
    """The names of every country: ``(folded phrases, as-written abbreviations, longest phrase)``.

    Each maps a phrase's words to the alpha-2 codes it may name. Built once.

    Raises:
        ImportError: when ``pycountry`` (the ``bench`` extra) is not installed.
    """
    try:
        import pycountry
    except ImportError as err:  # pragma: no cover - the bench and test installs have it
        raise ImportError("stanceline.evaluate.places needs pycountry: pip install -e '.[bench]'") from err

    folded: dict[Words, set[str]] = {}
    exact: dict[Words, set[str]] = {}

    def add(name: str, code: str) -> None:
        name = name.strip()
        if not name:
            return
        raw, fold = words(name)
        if not raw:
            return
        if name.isupper():
            exact.setdefault(raw, set()).add(code)
        else:
            folded.setdefault(fold, set()).add(code)

    for country in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            name = getattr(country, attr, None)
            if name and "," not in name and "(" not in name:  # "Korea, Republic of" is no usable name
                add(name, country.alpha_2)
        add(country.alpha_3, country.alpha_2)
    for line in EXTRA.strip().splitlines():
        code, *cells = (c.strip() for c in line.split("|"))
        for cell in cells:
            for name in cell.split(";"):
                add(name, code)
    longest = max(len(k) for k in (*folded, *exact))
    return (
        {k: frozenset(v) for k, v in folded.items()},
        {k: frozenset(v) for k, v in exact.items()},
        longest,
    )


def find_places(raw: Words, folded: Words) -> tuple[frozenset[str], frozenset[int]]:
    """The countries a name mentions, by name, demonym, capital or abbreviation.

    Scans left to right, taking the longest phrase at each word ("North Korean" before
    "Korean", "South Sudan" before "Sudan").

    Args:
        raw: The name's words as written (see :func:`words`).
        folded: The same words case-folded.

    Returns:
        ``(alpha-2 codes, indices of the words that belong to a place phrase)``.
    """
    by_fold, by_raw, longest = place_index()
    codes: set[str] = set()
    used: set[int] = set()
    i = 0
    while i < len(folded):
        for n in range(min(longest, len(folded) - i), 0, -1):
            hit = by_raw.get(raw[i : i + n]) or by_fold.get(folded[i : i + n])
            if hit:
                codes |= hit
                used.update(range(i, i + n))
                i += n
                break
        else:
            i += 1
    return frozenset(codes), frozenset(used)
