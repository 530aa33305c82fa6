"""The admin pages in headless Chromium, against real gunicorn, worker and Redis processes on the console transport,
with the demo store and its owner Sophie Roy: signing in by the texted link, the Texts page's live counter, an
auto-reply edited on the page reaching the next customer, CSRF, the settings on a phone, the staff and API tokens."""

from __future__ import annotations

import re

import pytest
import requests

from bot.core import texts
from bot.web.admin.texts import character_names
from tests.support.browser import PHONE, TABLET, WAIT_MS, skip_without_chromium

STORE, JULIE, SOPHIE, MARIE = "+15145550100", "+15145550111", "+15145550113", "+15145550123"

skip_without_chromium()
expect = pytest.importorskip("playwright.sync_api").expect


@pytest.fixture
def demo(stack):
    """Loads the demo store; returns its board link."""
    return re.search(r"^board: (\S+)$", stack.cli("demo"), re.M).group(1)


def log(stack) -> list[dict]:
    return requests.get(stack.url + "/simulator/messages", timeout=5).json()["messages"]


def texted(simulator, stack, phone: str, words: str) -> str:
    """The text `phone` got containing `words`, once the simulator shows it, as stored by the console transport."""
    expect(simulator.locator(f'.phone[data-phone="{phone}"] .bubble.out', has_text=words).first).to_be_visible(
        timeout=WAIT_MS
    )
    return [m["body"] for m in log(stack) if m["phone"] == phone and m["direction"] == "out" and words in m["body"]][-1]


def sign_in(pages, stack, viewport=TABLET):
    """Sophie signs in with a first link from the command line, as the sign-in page tells a new owner to."""
    page = pages(viewport)
    page.goto(stack.cli("login-link", SOPHIE))
    page.get_by_role("button", name="Me connecter").click()
    expect(page.get_by_role("heading", name="Aujourd'hui")).to_be_visible(timeout=WAIT_MS)
    return page


def test_the_texted_link_signs_in_once_and_an_edited_arrival_text_is_what_the_next_customer_gets(pages, stack, demo):
    simulator = pages()
    simulator.goto(stack.url + "/simulator?lang=fr")
    expect(simulator.locator("#store-number")).to_contain_text(STORE)

    # Sophie texts CONNEXION to the store from her registered phone; the link comes back by text.
    assert stack.text(SOPHIE, STORE, "CONNEXION").status_code == 200
    answer = texted(simulator, stack, SOPHIE, "/admin/login/")
    link = re.search(r"(http://\S+/admin/login/[\w-]+)", answer).group(1)

    owner = pages()
    owner.goto(link)
    expect(owner.get_by_text("Ce lien connecte ce navigateur.")).to_be_visible()
    owner.get_by_role("button", name="Me connecter").click()
    expect(owner.get_by_role("heading", name="Aujourd'hui")).to_be_visible(timeout=WAIT_MS)

    # The same link a second time, in another browser: spent.
    thief = pages()
    refused = thief.goto(link)
    assert refused.status == 410
    expect(thief.get_by_text("Ce lien a expiré ou a déjà servi.")).to_be_visible()
    assert thief.goto(stack.url + "/admin/").url.endswith("/admin/signin")

    owner.get_by_role("link", name="Textes").click()
    card = owner.locator("#text-arrival_ack")
    card.locator("#arrival_ack-fr").fill("Bienvenue{name}! On vous a vu : {where_fr}. La commande {orders} s'en vient.")
    card.get_by_role("button", name="Enregistrer ce texte").click()
    expect(owner.locator(".notice")).to_have_text("Enregistré : Arrivée : la réponse.")
    expect(owner.locator("#text-arrival_ack [data-lang=fr] [data-preview]")).to_have_text(
        "Bienvenue Marie! On vous a vu : place 4. La commande #1234 s'en vient."
    )

    # Marie arrives: her acknowledgement is the owner's new wording.
    assert stack.text(MARIE, STORE, "chu rendue place 4").status_code == 200
    got = texted(simulator, stack, MARIE, "On vous a vu")
    assert got == "Bienvenue Marie! On vous a vu : place 4. La commande #1234 s'en vient."


def test_the_sms_counter_and_the_unicode_warning_follow_the_typing_on_a_phone(pages, stack, demo):
    page = sign_in(pages, stack, PHONE)
    page.get_by_role("link", name="Textes").click()
    page.wait_for_load_state("domcontentloaded")  # admin.js (deferred) listens for typing from then on
    french = page.locator("#text-handed_off [data-lang=fr]")
    box = french.locator("textarea")
    count, warning, preview = (french.locator(s) for s in ("[data-sms-count]", "[data-ucs2]", "[data-preview]"))
    expect(count).to_have_text("77 caractères · 1 texto")
    expect(warning).to_be_hidden()

    box.fill("")
    box.press_sequentially("Merci chez {store}!")
    expect(preview).to_have_text("Merci chez Plein Air Laurier!")
    expect(count).to_have_text("29 caractères · 1 texto")
    expect(warning).to_be_hidden()

    box.press_sequentially(" À bientôt")  # À and ô are not GSM-7
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("« À », « ô ». Ce texte part en Unicode")
    expect(count).to_have_text("39 caractères · 1 texto")

    box.press_sequentially(" " + "on a bien hâte de vous revoir " * 2)
    expect(count).to_have_text("99 caractères · 2 segments de texto")  # over 70: two UCS-2 segments
    box.fill("Merci chez {store}, c'est apprécié! " + "x" * 130)
    expect(warning).to_be_hidden()
    expect(count).to_have_text("176 caractères · 2 segments de texto")  # GSM-7 again, but over 160
    box.fill("")
    expect(count).to_have_text("77 caractères · 1 texto")  # empty: the default again
    expect(preview).to_contain_text("C'est tout bon!")


# Wordings that must reach the server as typed and come back as the bot would send them: braces, unknown and malformed
# placeholders (the default is sent instead), what a query string could mangle (& # + %), spaces folded (a no-break
# space and a tab), French typography before a colon, an initial's full stop, GSM-7's extension, an emoji.
AWKWARD = (
    "{{Merci}} chez {store}",
    "Allo {inconnu}!",
    "Une accolade { seule",
    "Merci {store.name}",
    "50 % de rabais & plus, #1 + {store}",
    "Merci  Marie L.. A  bientot ,ok",
    "Merci\u00a0! \t A+ : ok",
    "€" * 81,
    "Bon retour 🚗 " * 6,
)


def test_the_page_shows_what_the_server_renders_for_awkward_wordings(pages, stack, demo):
    page = sign_in(pages, stack)
    page.get_by_role("link", name="Textes").click()
    page.wait_for_load_state("domcontentloaded")  # a fill before admin.js (deferred) runs would go unheard
    french = page.locator("#text-handed_off [data-lang=fr]")
    for typed in AWKWARD:
        sent = texts.preview("handed_off", "fr", "Plein Air Laurier", typed)
        n, odd = texts.segments(sent), texts.ucs2_characters(sent)
        french.locator("textarea").fill(typed)
        expect(french.locator("[data-preview]")).to_have_text(sent)
        expect(french.locator("[data-sms-count]")).to_have_text(
            f"{len(sent)} caractères · " + ("1 texto" if n == 1 else f"{n} segments de texto")
        )
        # One warning line carries both: a wording Save would refuse ({inconnu}), and characters outside GSM-7.
        warning = french.locator("[data-ucs2]")
        refused = texts.override_problem("handed_off", "fr", typed)
        if refused is not None:
            expect(warning).to_contain_text("Le bot ne pourrait pas envoyer ce libellé")
        if odd:
            expect(warning).to_contain_text(character_names(odd, "« {ch} »"))
        if refused is None and not odd:
            expect(warning).to_be_hidden()


def test_a_form_posted_without_the_csrf_token_is_refused(pages, stack, demo):
    page = sign_in(pages, stack)
    page.get_by_role("link", name="Réglages").click()
    page.get_by_label("Nom du magasin").fill("Volé")
    page.eval_on_selector_all("input[name=csrf_token]", "fields => fields.forEach(f => f.remove())")
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.get_by_role("button", name="Enregistrer les réglages").click()
    assert posted.value.status == 403
    page.goto(stack.url + "/admin/")
    expect(page.locator(".store-name")).to_have_text("Plein Air Laurier")


def test_the_settings_pause_from_a_phone_and_the_board_shows_the_message(pages, stack, demo):
    board = pages()
    board.goto(demo)
    board.get_by_role("button", name=re.compile("Julie Tremblay")).click()
    expect(board.locator("#connection.live")).to_be_visible(timeout=WAIT_MS)
    expect(board.locator("#paused")).to_be_hidden()

    page = sign_in(pages, stack, PHONE)
    page.get_by_role("link", name="Réglages").click()
    page.get_by_label("Suspendre la cueillette").check()
    page.get_by_label("Message aux clients qui arrivent").fill("De retour à 14 h.")
    page.get_by_label("Ces jours et ces heures-ci").check()
    page.get_by_label("samedi", exact=True).check()
    page.get_by_label("samedi, À", exact=True).fill("16:00")
    page.get_by_role("button", name="Enregistrer les réglages").click()
    expect(page.locator(".notice")).to_have_text("Réglages enregistrés.")
    expect(page.get_by_label("samedi", exact=True)).to_be_checked()
    expect(page.get_by_label("samedi, À", exact=True)).to_have_value("16:00")
    expect(page.get_by_label("dimanche", exact=True)).not_to_be_checked()

    expect(board.locator("#paused")).to_be_visible(timeout=WAIT_MS)
    expect(board.locator("#pause-message")).to_have_text("De retour à 14 h.")

    # A bad value: nothing saved, the problem at its field, in French.
    page.get_by_label("Fuseau horaire").fill("Montréal")
    page.get_by_role("button", name="Enregistrer les réglages").click()
    expect(page.locator("#timezone-error")).to_have_text(
        "'Montréal' n'est pas un fuseau horaire IANA comme America/Toronto"
    )
    expect(page.get_by_label("Fuseau horaire")).to_have_attribute("aria-invalid", "true")


def test_staff_are_added_and_removed_and_a_token_is_shown_once_on_a_computer(pages, stack, demo):
    page = sign_in(pages, stack)
    page.get_by_role("link", name="Équipe").click()
    adding = page.locator("#add-staff")
    adding.get_by_label("Téléphone").fill("514-555-0150")
    adding.get_by_label("Nom").fill("Léa Bouchard")
    adding.get_by_role("button", name="Ajouter").click()
    expect(page.locator(".notice")).to_have_text("Léa Bouchard fait maintenant partie de l'équipe.")
    row = page.locator("tr.member", has_text="Léa Bouchard")
    expect(row.get_by_role("link", name="514-555-0150")).to_have_attribute("href", "tel:+15145550150")
    expect(row).to_contain_text("En service")

    row.get_by_role("link", name="Retirer").click()
    expect(page.get_by_role("heading", name="Retirer Léa Bouchard de l'équipe?")).to_be_visible()
    page.get_by_role("button", name="Retirer").click()
    expect(page.locator(".notice")).to_have_text("Léa Bouchard ne fait plus partie de l'équipe.")
    expect(page.locator("tr.member", has_text="Léa Bouchard")).to_have_count(0)

    # The only owner stays.
    page.locator("tr.member", has_text="Sophie Roy").get_by_role("link", name="Retirer").click()
    page.get_by_role("button", name="Retirer").click()
    expect(page.locator(".error")).to_contain_text("Sophie Roy est l'unique propriétaire")

    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.get_by_role("link", name="Tableau et API").click()
    copy = page.locator("#board button[data-copy]")
    expect(copy).to_have_text("Copier")  # shown once the script runs: without it, the field still selects whole
    copy.click()
    expect(copy).to_have_text("Copié.")
    assert page.evaluate("navigator.clipboard.readText()") == demo  # the board link, ready to paste on the tablet

    page.get_by_label("Nom (ce qui s'en servira)").fill("Caisse")
    page.get_by_role("button", name="Créer un jeton").click()
    token = page.locator("#new-token").input_value()
    assert token.startswith("arv_")
    assert stack.api("GET", "/stores/1", token).status_code == 200
    page.get_by_role("link", name="Tableau et API").click()  # the page again: the token is not shown any more
    expect(page.locator("#new-token")).to_have_count(0)
    expect(page.locator("table.tokens")).to_contain_text("Caisse")
