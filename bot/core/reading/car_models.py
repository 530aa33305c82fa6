"""Car makes and models: what a customer may name their car by.

Scope: the passenger cars, SUVs, pickups and vans sold new in Canada from about 2000 to 2026, every make with a
real share of Québec's roads (and the common models of the smaller ones), plus the older names still seen on lots
("Cavalier", "Grand Am", "Caravan"). Numbers alone ("300", "500", "911", "1500") are not listed: they are models
only after their make ("Chrysler 300", "Ram 1500"), which `vehicles.py` reads by rule.

Source: written by hand (round 9 of the reading work, 2026-12-06) from the makers' Canadian line-ups over those
years; no package on PyPI keeps such a list (the two found, `vehicle-makes` and `car-models`, are a scraper of a
UK site and an empty package). Names are written as they are sold, in lower case; `vocabulary.py` derives the
forms Québécois type ("crv", "cr-v", "cr v", "rav 4", "f150", "mazda3") and sorts the models that are also
everyday words in English or French (`WORDLIKE`) from those that name a car on their own.
"""

from __future__ import annotations


def _names(text: str) -> tuple[str, ...]:
    return tuple(name.strip() for name in text.split(","))


MODELS_BY_MAKE: dict[str, tuple[str, ...]] = {
    "toyota": _names(
        "corolla, corolla cross, corolla im, camry, avalon, prius, prius c, prius v, prius prime, yaris, echo, "
        "matrix, rav4, rav4 prime, highlander, grand highlander, 4runner, sequoia, venza, c-hr, bz4x, tacoma, "
        "tundra, sienna, solara, celica, mr2, supra, gr86, fj cruiser, land cruiser, crown, mirai"
    ),
    "honda": _names(
        "civic, accord, cr-v, hr-v, pilot, passport, odyssey, ridgeline, fit, insight, element, clarity, "
        "prologue, s2000, crosstour, cr-z, prelude, acty"
    ),
    "hyundai": _names(
        "elantra, elantra gt, sonata, accent, tucson, santa fe, santa cruz, kona, venue, palisade, ioniq, ioniq "
        "5, ioniq 6, kona ev, veloster, genesis coupe, tiburon, entourage, azera, veracruz, xg350, nexo"
    ),
    "kia": _names(
        "forte, forte5, rio, rio5, soul, sportage, sorento, seltos, telluride, carnival, niro, niro ev, ev6, ev9, "
        "k5, k900, stinger, optima, rondo, sedona, spectra, magentis, amanti, borrego"
    ),
    "ford": _names(
        "f-150, f-250, f-350, f-450, f-150 lightning, f-series, escape, explorer, edge, expedition, ranger, "
        "bronco, bronco sport, maverick, mustang, mustang mach-e, mach-e, focus, fusion, fiesta, taurus, flex, "
        "freestar, windstar, transit, transit connect, econoline, e-series, ecosport, escort, crown victoria, "
        "freestyle, excursion, explorer sport trac, contour, thunderbird, gt"
    ),
    "chevrolet": _names(
        "silverado, colorado, equinox, traverse, tahoe, suburban, blazer, trax, trailblazer, malibu, cruze, "
        "impala, spark, sonic, aveo, cobalt, cavalier, optra, uplander, venture, express, hhr, avalanche, bolt, "
        "bolt euv, volt, camaro, corvette, orlando, epica, monte carlo, s-10, astro, tracker, equinox ev, blazer "
        "ev, silverado ev, captiva"
    ),
    "gmc": _names("sierra, canyon, terrain, acadia, yukon, yukon xl, savana, envoy, jimmy, safari, hummer ev"),
    "ram": _names("promaster, promaster city, dakota"),
    "dodge": _names(
        "caravan, grand caravan, journey, durango, charger, challenger, dart, avenger, caliber, nitro, neon, sx, "
        "magnum, stratus, intrepid, viper, dakota, hornet, sprinter"
    ),
    "jeep": _names(
        "wrangler, cherokee, grand cherokee, compass, patriot, renegade, liberty, commander, gladiator, wagoneer, "
        "grand wagoneer, tj, yj"
    ),
    "chrysler": _names(
        "pacifica, town country, sebring, pt cruiser, crossfire, aspen, concorde, intrepid, "
        "voyager, grand voyager, neon"
    ),
    "nissan": _names(
        "altima, sentra, versa, versa note, micra, maxima, rogue, rogue sport, qashqai, kicks, murano, "
        "pathfinder, armada, frontier, titan, xterra, juke, leaf, ariya, cube, quest, 350z, 370z, gt-r, nv200, "
        "nv, x-trail"
    ),
    "mazda": _names(
        "mazda3, mazda6, mazda5, mazda2, mx-5, miata, cx-3, cx-30, cx-5, cx-50, cx-7, cx-9, cx-70, cx-90, mx-30, "
        "tribute, protege, protege5, mpv, rx-8, b-series, b3000, b4000, cx"
    ),
    "subaru": _names(
        "outback, forester, impreza, legacy, crosstrek, xv crosstrek, ascent, brz, wrx, sti, solterra, baja, "
        "tribeca, b9 tribeca"
    ),
    "mitsubishi": _names(
        "outlander, outlander phev, rvr, mirage, eclipse cross, lancer, galant, endeavor, eclipse, i-miev"
    ),
    "volkswagen": _names(
        "golf, gti, golf r, jetta, gli, passat, tiguan, atlas, atlas cross sport, taos, id.4, beetle, "
        "touareg, routan, rabbit, eos, cc, arteon, golf sportwagen, golf alltrack"
    ),
    "audi": _names("a3, a4, a5, a6, a7, a8, q3, q4, q5, q7, q8, e-tron, q4 e-tron, tt, r8, s4, allroad"),
    "bmw": _names("x1, x2, x3, x4, x5, x6, x7, i3, i4, i5, i7, ix, z4, m3, m4, m5, 328i, 330i, 530i"),
    "mercedes": _names(
        "c-class, e-class, s-class, g-class, b-class, a-class, cla, gla, glb, glc, gle, gls, glk, ml, gl, "
        "sprinter, metris, eqb, eqe, eqs"
    ),
    "lexus": _names("rx, nx, ux, gx, lx, es, is, ls, rc, tx, ct, rx350, rx450, nx300, nx350, gx460, es350, gs"),
    "acura": _names("mdx, rdx, tlx, ilx, integra, tsx, tl, rsx, csx, zdx, el, rl, nsx"),
    "infiniti": _names("qx50, qx55, qx60, qx80, qx30, qx70, q50, q60, q70, g35, g37, fx35, jx35, qx, fx, jx"),
    "volvo": _names("xc40, xc60, xc90, s40, s60, s80, s90, v60, v70, v90, c30, c40, ex30, ex90"),
    "tesla": _names("model 3, model y, model s, model x, cybertruck"),
    "buick": _names(
        "encore, encore gx, envista, envision, enclave, lacrosse, regal, verano, allure, rendezvous, terraza, "
        "rainier, lucerne, century"
    ),
    "cadillac": _names("escalade, xt4, xt5, xt6, ct4, ct5, lyriq, optiq, cts, ats, srx, dts, sts, xts"),
    "lincoln": _names("navigator, aviator, nautilus, corsair, mkx, mkz, mkc, mkt, continental"),
    "genesis": _names("g70, g80, g90, gv60, gv70, gv80"),
    "mini": _names("cooper, countryman, clubman"),
    "porsche": _names("cayenne, macan, panamera, taycan, boxster, cayman"),
    "land rover": _names(
        "range rover, range rover sport, range rover evoque, evoque, velar, discovery, discovery sport, defender, "
        "lr2, lr3, lr4, freelander"
    ),
    "jaguar": _names("f-pace, e-pace, i-pace, xf, xe, xj, f-type, x-type, s-type"),
    "fiat": _names("500x, 500l, 500e, 124 spider"),
    "polestar": _names("polestar 2, polestar 3"),
    "rivian": _names("r1t, r1s"),
    "pontiac": _names(
        "vibe, g5, g6, g8, sunfire, grand am, grand prix, montana, torrent, wave, aztek, firebird, pursuit, solstice"
    ),
    "saturn": _names("ion, vue, aura, outlook, sky, astra, relay"),
    "suzuki": _names("swift, sx4, grand vitara, vitara, aerio, xl7, kizashi, esteem"),
    "scion": _names("xb, xd, tc, fr-s, iq"),
    "smart": _names("fortwo"),
    "hummer": _names("h2, h3"),
    "mercury": _names("grand marquis, mountaineer, sable, mariner, milan"),
}

# Makes not listed above for want of models anyone names alone, and the names people give a make.
OTHER_MAKES = (
    "chevy",
    "vw",
    "merc",
    "benz",
    "mercedes-benz",
    "land-rover",
    "range-rover",
    "lucid",
    "peugeot",
    "renault",
    "isuzu",
    "saab",
    "alfa",
    "maserati",
    "mclaren",
    "ferrari",
    "lamborghini",
    "bentley",
)

# Model (and make) names that are everyday words in English or French, or common names: such a word is a car only
# when the text gives it as one (a make before it, a colour or a model year beside it, "dans le/in the …").
WORDLIKE = frozenset(
    (
        "encore rogue sierra escape journey edge soul pilot ranger frontier accent note leaf golf fit express savana "
        "transit taos ram charger matrix sentra focus fusion explorer expedition taurus flex freestyle excursion "
        "contour crown venture avalanche traverse blazer spark bolt volt sonic cobalt tracker astro colorado terrain "
        "envoy canyon caravan challenger dart avenger caliber nitro neon magnum viper hornet compass patriot liberty "
        "commander voyager aspen concorde crossfire titan cube quest kicks element insight passport clarity prelude "
        "accord venue genesis entourage forte rio optima rondo sedona spectra stinger mirage lancer galant endeavor "
        "eclipse legacy ascent tribute protege baja atlas beetle rabbit eos fox cooper countryman defender discovery "
        "navigator aviator nautilus corsair continental lacrosse regal allure rendezvous century escalade vibe wave "
        "torrent montana solstice pursuit firebird sky aura vue ion outlook relay swift esteem sable mariner milan "
        "mountaineer jimmy safari dakota intrepid stratus echo supra thunderbird windstar smart mini jaguar lincoln "
        "mercury saturn scion lucid alfa fiesta cayenne orlando"
    ).split()
)
