"""The admin pages' Texts, Settings, Staff and Board & API pages through the Flask test client: signed in by a one-time
link, every form's happy path (Post/Redirect/Get) and a refusal at its field in the page's language, the same use
cases as the API and the owner's texts, and each page scoped to the stores the signed-in phone runs."""

from __future__ import annotations

import html
import json
import re

import pytest
from sqlalchemy import select

from bot.core.texts import CUSTOMER_KEYS, OVERRIDABLE
from bot.data.models import ApiToken
from bot.usecases import board, logins, replies, roster, stores
from bot.usecases.errors import NotFound
from bot.web.admin.access import SESSION_SECONDS
from tests.support.conversation import Shop

OTHER_STORE = "+15145550200"
SOPHIE, MARC, JULIE, SAM, MARIE = "+15145550113", "+15145550114", "+15145550111", "+15145550112", "+15145550123"
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


class Browser:
    """One browser on the admin pages: a test client with its own cookies, which remembers the CSRF token of the
    last page it opened, as the page's forms carry it."""

    def __init__(self, app):
        self.client = app.test_client()
        self.csrf = ""

    def get(self, path: str):
        response = self.client.get(path)
        found = CSRF.search(response.get_data(as_text=True))
        if found:
            self.csrf = found.group(1)
        return response

    def page(self, path: str) -> str:
        response = self.get(path)
        assert response.status_code == 200, (path, response.status_code, response.headers.get("Location"))
        return text_of(response)

    def post(self, path: str, data: dict | None = None, csrf: bool = True):
        return self.client.post(path, data={**({"csrf_token": self.csrf} if csrf else {}), **(data or {})})

    def submit(self, path: str, data: dict) -> str:
        """Posts a form that should succeed: a 303 to a page that shows the notice."""
        response = self.post(path, data)
        assert response.status_code == 303, (response.status_code, text_of(response)[:2000])
        return self.page(response.headers["Location"])

    def sign_in(self, svc, phone: str) -> str:
        """As an owner does: opens the texted link, then confirms. Returns the link's token."""
        token, _ = logins.link_for_phone(svc.db, phone, svc.clock())
        assert self.get(f"/admin/login/{token}").status_code == 200
        response = self.post(f"/admin/login/{token}")
        assert response.status_code == 303
        self.page(self.get(response.headers["Location"]).headers["Location"])  # the new session's CSRF token
        return token


def text_of(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def notices(page: str) -> list[str]:
    return re.findall(r'<p class="notice" role="status">(.*?)</p>', page, re.S)


def alert(page: str) -> str:
    found = re.search(r'<p class="error" role="alert">(.*?)</p>', page, re.S)
    return " ".join(found.group(1).split()) if found else ""


def field_errors(page: str) -> list[str]:
    return [" ".join(e.split()) for e in re.findall(r'<p class="field-error" id="[^"]*">(.*?)</p>', page, re.S)]


@pytest.fixture
def shop(svc):
    shop = Shop(svc, language="fr")
    shop.staff("Sophie Roy", SOPHIE, role="owner", language="fr", on_duty=False)
    return shop


@pytest.fixture
def julie(shop):
    return shop.staff("Julie Tremblay", JULIE, language="fr")


@pytest.fixture
def sophie(svc, shop) -> Browser:
    """The owner, signed in."""
    browser = Browser(shop.app)
    browser.sign_in(svc, SOPHIE)
    return browser


@pytest.fixture
def base(shop) -> str:
    return f"/admin/stores/{shop.store.id}"


# --- signing in, scope, expiry ----------------------------------------------------------------------


def test_the_owners_link_signs_in_once_and_opens_every_page_of_the_store(svc, shop, base):
    browser = Browser(shop.app)
    token = browser.sign_in(svc, SOPHIE)
    for path, title in (
        ("texts", "Ce que dit le bot"),
        ("settings", "Réglages du magasin"),
        ("staff", "Équipe"),
        ("access", "Tableau et API"),
    ):
        assert title in browser.page(f"{base}/{path}")
    # The link was spent by the first sign-in: opening it again, or posting it, signs nobody in.
    assert browser.get(f"/admin/login/{token}").status_code == 410
    stranger = Browser(shop.app)
    stranger.get("/admin/signin")
    assert stranger.post(f"/admin/login/{token}").status_code == 410
    assert stranger.get(f"{base}/texts").status_code == 303


def test_the_menu_links_every_page_and_marks_the_one_open(sophie, base):
    page = sophie.page(f"{base}/staff")
    for path in ("texts", "settings", "staff", "access"):
        assert f'href="{base}/{path}"' in page
    assert re.search(rf'href="{base}/staff" aria-current="page"', page)


def test_a_manager_of_one_store_finds_nothing_of_another_store(svc, shop, julie):
    other = Shop(svc, number=OTHER_STORE, name="Boutique Rivière", language="en")
    roster.add_staff(svc.db, other.store.id, "Marc Gagnon", MARC, "manager", "fr")
    other_member = roster.add_staff(svc.db, other.store.id, "Léa", "+15145550222", "staff", "fr")
    stores.create_token(svc.db, "till", other.store.id)
    other_token = stores.store_tokens(svc.db, other.store.id)[0]
    marc = Browser(other.app)
    marc.sign_in(svc, MARC)
    assert "Boutique Rivière" in marc.page(f"/admin/stores/{other.store.id}/staff")

    theirs = f"/admin/stores/{shop.store.id}"
    julie_id = roster.roster(svc.db, shop.store.id)[0].id
    for path in (
        "texts",
        "texts/handed_off/preview?lang=fr&text=x",
        "settings",
        "staff",
        "access",
        "access/board",
        f"staff/{julie_id}",
    ):
        assert marc.get(f"{theirs}/{path}").status_code == 404, path
    for path, form in (
        ("texts/handed_off", {"en": "Bye", "fr": "Salut"}),
        ("keywords", {"keyword": "heures"}),
        ("settings", {"name": "Mine now"}),
        ("staff", {"name": "X", "phone": SAM}),
        ("access/board", {}),
        ("access/tokens", {"name": "mine"}),
    ):
        assert marc.post(f"{theirs}/{path}", form).status_code == 404, path
    # Nor another store's staff member or token through their own store's address.
    ours = f"/admin/stores/{other.store.id}"
    assert marc.get(f"{ours}/staff/{julie_id}").status_code == 404
    assert marc.post(f"{ours}/staff/{julie_id}/remove").status_code == 404
    assert marc.page(f"{ours}/staff/{other_member.id}")
    assert replies.auto_replies(svc.db, shop.store.id) == {}
    assert stores.get_store(svc.db, shop.store.id).name == "Plein Air Laurier"
    sophie = Browser(shop.app)
    sophie.sign_in(svc, SOPHIE)
    assert sophie.get(f"{theirs}/access/tokens/{other_token.id}/revoke").status_code == 404
    assert sophie.post(f"{theirs}/access/tokens/{other_token.id}/revoke").status_code == 404
    assert stores.store_tokens(svc.db, other.store.id)[0].revoked_at is None


def test_a_staff_members_phone_gets_no_sign_in_link(svc, shop, julie):
    with pytest.raises(NotFound):
        logins.link_for_phone(svc.db, JULIE, svc.clock())
    result = shop.app.test_cli_runner().invoke(args=["login-link", JULIE])
    assert result.exit_code != 0 and "no store's owner or manager" in result.output
    # What to do about it: she is staff already, so her role is what to change (STAFF ADD only adds staff).
    assert "Julie Tremblay is staff" in result.output and "role" in result.output and "STAFF ADD" not in result.output
    stranger = shop.app.test_cli_runner().invoke(args=["login-link", "+15145550177"])
    assert stranger.exit_code != 0 and "STAFF ADD" not in stranger.output and "owner" in stranger.output
    # Texting LOGIN from a staff phone is an owner command: answered, with no link.
    [answer] = julie.texts("CONNEXION")
    assert "/admin/login/" not in answer and "propriétaires et gérants" in answer


def test_an_owner_taken_off_the_roster_is_signed_out_at_once(svc, shop, base):
    marc_member = roster.add_staff(svc.db, shop.store.id, "Marc Gagnon", MARC, "owner", "fr")
    marc = Browser(shop.app)
    marc.sign_in(svc, MARC)
    sophie = Browser(shop.app)
    sophie.sign_in(svc, SOPHIE)
    sophie.page(f"{base}/staff")
    sophie.submit(f"{base}/staff/{marc_member.id}/remove", {})

    response = marc.get(f"{base}/texts")
    assert response.status_code == 303 and response.headers["Location"].endswith("/admin/signin?gone=1")
    assert marc.get(f"{base}/settings").headers["Location"].startswith("/admin/signin")


def test_a_session_past_its_twelve_hours_is_sent_back_to_sign_in(svc, sophie, base):
    sophie.page(f"{base}/texts")
    svc.clock.advance(SESSION_SECONDS + 1)
    response = sophie.get(f"{base}/texts")
    assert response.status_code == 303 and response.headers["Location"].endswith("/admin/signin?expired=1")
    assert "Votre session a pris fin" in sophie.page(response.headers["Location"])


def test_every_form_is_refused_without_the_sessions_csrf_token(svc, shop, julie, sophie, base):
    julie_id = roster.roster(svc.db, shop.store.id)[0].id
    stores.create_token(svc.db, "till", shop.store.id)
    token = stores.store_tokens(svc.db, shop.store.id)[0].id
    for path, form in (
        ("texts/handed_off", {"en": "Bye", "fr": "Salut"}),
        ("keywords", {"keyword": "heures", "fr": "9 h à 17 h"}),
        ("keywords/remove", {"keyword": "heures"}),
        ("settings", {"name": "X"}),
        ("staff", {"name": "Sam", "phone": SAM}),
        (f"staff/{julie_id}", {"name": "J"}),
        (f"staff/{julie_id}/duty", {"on_duty": "0"}),
        (f"staff/{julie_id}/remove", {}),
        ("access/board", {}),
        ("access/tokens", {"name": "x"}),
        (f"access/tokens/{token}/revoke", {}),
    ):
        assert sophie.post(f"{base}/{path}", form, csrf=False).status_code == 403, path
        assert sophie.post(f"{base}/{path}", {**form, "csrf_token": "forged"}, csrf=False).status_code == 403, path
    assert replies.auto_replies(svc.db, shop.store.id) == {} and len(roster.roster(svc.db, shop.store.id)) == 2


def test_the_pages_carry_no_inline_script_or_style(sophie, base):
    for path in ("texts", "settings", "staff", "access"):
        page = sophie.page(f"{base}/{path}")
        for tag in re.findall(r"<script\b[^>]*>", page):
            assert "src=" in tag or 'type="application/json"' in tag, (path, tag)
        assert "<style" not in page and " style=" not in page and " onclick=" not in page


def test_every_page_speaks_english_too(shop, sophie, base):
    sophie.post("/admin/language", {"lang": "en", "next": f"{base}/texts"})
    for path, words in (
        ("texts", ("What the bot says", "Customer texts", "Keyword replies", "Save this text")),
        ("settings", ("Store settings", "Pickup hours", "Monday", "Where handoffs happen")),
        ("staff", ("Staff", "On duty", "Add someone", "Owner")),
        ("access", ("Staff board", "API tokens", "Give the board a new link")),
    ):
        page = sophie.page(f"{base}/{path}")
        assert '<html lang="en">' in page
        for word in words:
            assert word in page, (path, word)


# --- texts ------------------------------------------------------------------------------------------


def test_the_texts_page_shows_every_overridable_text_customer_texts_first_in_both_languages(sophie, base):
    page = sophie.page(f"{base}/texts")
    shown = re.findall(r'id="text-([a-z_]+)"', page)
    assert shown[: len(CUSTOMER_KEYS)] == list(CUSTOMER_KEYS)
    assert sorted(shown) == sorted(OVERRIDABLE) and len(shown) == len(OVERRIDABLE)
    card = page.split('id="text-handed_off"')[1].split("</form>")[0]
    # Each language's default, an empty box (the default is in use) and the sample customer's text.
    assert "All set! Thanks for shopping at {store}. Have a great day!" in card
    assert "C'est tout bon! Merci d'avoir magasiné chez {store}. Bonne journée!" in card
    assert re.search(r'<textarea id="handed_off-fr" name="fr"[^>]*></textarea>', card)
    assert "C'est tout bon! Merci d'avoir magasiné chez Plein Air Laurier. Bonne journée!" in card
    assert "77 caractères · 1 texto" in card


def test_a_text_saved_on_the_page_is_what_the_next_customer_gets(svc, shop, julie, sophie, base):
    page = sophie.submit(
        f"{base}/texts/handed_off", {"en": "Thanks from {store}!", "fr": "Merci, à la prochaine chez {store}!"}
    )
    assert notices(page) == ["Enregistré : Après la remise."]
    assert replies.auto_replies(svc.db, shop.store.id)["handed_off"] == {
        "en": "Thanks from {store}!",
        "fr": "Merci, à la prochaine chez {store}!",
    }
    card = page.split('id="text-handed_off"')[1].split("</form>")[0]
    assert ">Merci, à la prochaine chez {store}!</textarea>" in card
    assert "Merci, à la prochaine chez Plein Air Laurier!</blockquote>" in card  # the preview, without JavaScript

    marie = shop.customer(MARIE)
    shop.order("1234", marie, "Marie Lavoie", language="fr")
    marie.texts("rendue place 4")
    julie.texts("OK")
    julie.texts("FAIT")
    assert marie.new()[-1] == "Merci, à la prochaine chez Plein Air Laurier!"


def test_an_emptied_text_goes_back_to_the_default(svc, shop, sophie, base):
    replies.set_auto_reply(svc.db, shop.store.id, "arrival_ack", "Got it!", "C'est noté!")
    sophie.page(f"{base}/texts")
    page = sophie.submit(f"{base}/texts/arrival_ack", {"en": "", "fr": "  "})
    assert notices(page) == ["Retour au texte par défaut : Arrivée : la réponse."]
    assert "arrival_ack" not in replies.auto_replies(svc.db, shop.store.id)


def test_a_bad_placeholder_is_refused_at_its_field_in_the_pages_language_and_nothing_is_saved(svc, shop, sophie, base):
    sophie.page(f"{base}/texts")
    response = sophie.post(f"{base}/texts/handed_off", {"en": "Bye from {store}!", "fr": "Merci {nom}!"})
    assert response.status_code == 422
    page = text_of(response)
    assert alert(page).startswith("Rien d'enregistré : Après la remise (français) : champ inconnu {nom}")
    card = page.split('id="text-handed_off"')[1].split("</form>")[0]
    assert field_errors(card) == ["champ inconnu {nom}; ce texte peut utiliser {name}, {store}"]
    assert re.search(r'<textarea id="handed_off-fr"[^>]*aria-invalid="true"[^>]*>Merci {nom}!</textarea>', card)
    assert ">Bye from {store}!</textarea>" in card  # what was typed stays, to fix
    assert replies.auto_replies(svc.db, shop.store.id) == {}  # the good English wording neither

    sophie.post("/admin/language", {"lang": "en", "next": f"{base}/texts"})
    english = text_of(sophie.post(f"{base}/texts/help", {"en": "Help {", "fr": ""}))
    assert "Not saved: Answer to HELP (English): has an unmatched { or }" in alert(english)


def test_an_order_ready_wording_without_the_check_in_link_is_refused_at_its_field(svc, shop, sophie, base):
    sophie.page(f"{base}/texts")
    response = sophie.post(f"{base}/texts/order_ready", {"en": "", "fr": "Votre commande {orders} vous attend!"})
    assert response.status_code == 422
    card = text_of(response).split('id="text-order_ready"')[1].split("</form>")[0]
    assert field_errors(card) == ["doit garder {link}, le lien que le client ouvre à son arrivée"]
    assert replies.auto_replies(svc.db, shop.store.id) == {}


def test_the_page_counts_sms_and_names_what_forces_unicode_without_javascript(svc, shop, sophie, base):
    sophie.page(f"{base}/texts")
    long_text = "Merci{name}! C’est noté : " + "on arrive " * 5
    page = sophie.submit(f"{base}/texts/arrival_ack", {"en": "", "fr": long_text})
    card = page.split('id="text-arrival_ack"')[1].split("</form>")[0]
    fr = card.split('data-lang="fr"')[1]
    assert "2 segments de texto" in fr
    assert "Hors de l'alphabet des textos (GSM-7) : « ’ » (U+2019)." in fr
    english = card.split('data-lang="en"')[1].split('data-lang="fr"')[0]
    assert re.search(r'<p class="ucs2-warning" data-ucs2 hidden>', english) and "1 texto" in english
    sophie.post("/admin/language", {"lang": "en", "next": f"{base}/texts"})
    assert "Not in the SMS alphabet (GSM-7): “ ’ ” (U+2019)." in sophie.page(f"{base}/texts")


def test_as_the_owner_types_the_page_asks_the_server_for_the_preview_the_count_and_the_warning(sophie, base):
    page = sophie.page(f"{base}/texts")
    config = json.loads(
        re.search(r'<script type="application/json" id="texts-config">(.*?)</script>', page, re.S).group(1)
    )
    assert config["preview_urls"]["handed_off"] == f"{base}/texts/handed_off/preview"
    assert sorted(config["preview_urls"]) == sorted(OVERRIDABLE)
    assert '<script src="/assets/admin.js" defer></script>' in page

    url = config["preview_urls"]["arrival_ack"]
    typed = sophie.client.get(url, query_string={"lang": "fr", "text": "Merci{name} : {where_fr}, on arrive 🚗"})
    assert typed.status_code == 200 and typed.get_json() == {
        "preview": "Merci Marie\u00a0: place 4, on arrive 🚗",  # French typography, as the bot sends it
        "count": "34 caractères · 1 texto",
        "warning": "Hors de l'alphabet des textos (GSM-7) : « 🚗 » (U+1F697). Ce texte part en Unicode : "
        "70 caractères par texto au lieu de 160.",
    }
    empty = sophie.client.get(url, query_string={"lang": "en", "text": " "}).get_json()
    assert empty == {
        "preview": "Thanks Marie! Got it: spot 4. Someone will bring order #1234 out shortly.",
        "count": "73 caractères · 1 texto",
        "warning": "",
    }  # an empty box is the default
    # A wording Save would refuse is said to be so as it is typed, not previewed as if it would go out.
    misspelt = sophie.client.get(url, query_string={"lang": "fr", "text": "Merci {nom}!"}).get_json()
    assert misspelt["warning"].startswith("Le bot ne pourrait pas envoyer ce libellé : ")
    assert "{nom}" in misspelt["warning"] and misspelt["warning"].endswith("Il sera refusé à l'enregistrement.")
    assert sophie.client.get(f"{base}/texts/nope/preview", query_string={"lang": "fr"}).status_code == 404
    assert sophie.client.get(url, query_string={"lang": "de", "text": "Hallo"}).status_code == 404


def test_keyword_replies_are_added_changed_and_removed_and_customers_get_them(svc, shop, sophie, base):
    sophie.page(f"{base}/texts")
    page = sophie.submit(
        f"{base}/keywords", {"form": "add", "keyword": "Heures", "en": "Open 9 to 5", "fr": "Ouvert de 9 h à 17 h"}
    )
    assert notices(page) == ["Enregistré : HEURES."]
    assert 'id="keyword-HEURES"' in page
    marie = shop.customer(MARIE)
    assert marie.texts("heures?") == ["Ouvert de 9 h à 17 h"]

    page = sophie.submit(
        f"{base}/keywords", {"form": "change", "keyword": "HEURES", "en": "Open 10 to 6", "fr": "Ouvert de 10 h à 18 h"}
    )
    assert ">Ouvert de 10 h à 18 h</textarea>" in page
    assert marie.texts("heures") == ["Ouvert de 10 h à 18 h"]

    page = sophie.submit(f"{base}/keywords/remove", {"keyword": "HEURES"})
    assert notices(page) == ["Retiré : HEURES."] and replies.keyword_replies(svc.db, shop.store.id) == []
    assert "Aucune réponse par mot-clé pour l'instant." in page


def test_a_keyword_the_bot_keeps_for_itself_is_refused_with_the_reason(svc, shop, sophie, base):
    sophie.page(f"{base}/texts")
    response = sophie.post(f"{base}/keywords", {"form": "add", "keyword": "stop", "fr": "Bye"})
    assert response.status_code == 422
    page = text_of(response)
    assert field_errors(page) == ["STOP est réservé au désabonnement, au réabonnement et à l'aide"]
    assert 'value="stop"' in page and ">Bye</textarea>" in page
    response = sophie.post(f"{base}/keywords", {"form": "add", "keyword": "ici", "fr": "Bonjour"})
    assert "ICI a déjà un sens pour le robot" in alert(text_of(response))
    assert replies.keyword_replies(svc.db, shop.store.id) == []


# --- settings ---------------------------------------------------------------------------------------

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")


def settings_form(**changes) -> dict:
    form = {
        "name": "Plein Air Mont-Royal",
        "language": "en",
        "timezone": "America/Vancouver",
        "hours": "set",
        "escalation_seconds": "90",
        "handoff_mode": "door",
        "paused": "1",
        "pause_message": "Back at 2 pm.",
        "sat_open": "1",
        "sat_opens": "10:00",
        "sat_closes": "16:00",
        "sun_opens": "10:00",
        "sun_closes": "16:00",
    }
    for day in WEEKDAYS:
        form.update({f"{day}_open": "1", f"{day}_opens": "09:00", f"{day}_closes": "17:30"})
    form.update(changes)
    return {k: v for k, v in form.items() if v is not None}


def test_every_setting_is_saved_from_the_one_form(svc, shop, sophie, base):
    sophie.page(f"{base}/settings")
    page = sophie.submit(f"{base}/settings", settings_form())
    assert notices(page) == ["Réglages enregistrés."]
    store = stores.get_store(svc.db, shop.store.id)
    assert (store.name, store.language, store.timezone) == ("Plein Air Mont-Royal", "en", "America/Vancouver")
    assert store.hours == {**{day: ["09:00", "17:30"] for day in WEEKDAYS}, "sat": ["10:00", "16:00"]}
    assert (store.escalation_seconds, store.handoff_mode) == (90, "door")
    assert store.paused is True and store.pause_message == "Back at 2 pm."
    # The page shows the store as saved: Sunday closed, Saturday open from 10.
    assert re.search(r'name="sun_open" value="1"\s*>', page) and re.search(r'name="sat_open" value="1"\s*checked', page)
    assert 'value="America/Vancouver"' in page and 'value="90"' in page


def test_any_time_clears_the_hours_and_an_empty_pause_message_is_none(svc, shop, sophie, base):
    stores.update_store(svc.db, shop.store.id, {"hours": {"mon": ["09:00", "17:00"]}, "pause_message": "Old"})
    sophie.page(f"{base}/settings")
    sophie.submit(f"{base}/settings", settings_form(hours="any", paused=None, pause_message=" "))
    store = stores.get_store(svc.db, shop.store.id)
    assert store.hours is None and store.paused is False and store.pause_message is None


@pytest.mark.parametrize(
    "changes, field, said",
    [
        (
            {"escalation_seconds": "5"},
            "escalation_seconds",
            "Délai avant relance (secondes) : doit être un nombre entier de secondes de 30 à 3600",
        ),
        (
            {"escalation_seconds": "deux minutes"},
            "escalation_seconds",
            "Délai avant relance (secondes) : doit être un nombre entier de secondes de 30 à 3600",
        ),
        (
            {"tue_opens": "18:00"},
            "hours-tue",
            "Heures de cueillette, mardi : doit être l'heure d'ouverture puis celle de fermeture (HH:MM), ou fermé",
        ),
        (
            {"timezone": "Montréal"},
            "timezone",
            "Fuseau horaire : 'Montréal' n'est pas un fuseau horaire IANA comme America/Toronto",
        ),
        ({"name": " "}, "name", "Nom du magasin : ne doit pas être vide"),
        ({"handoff_mode": "drone"}, "handoff_mode", "Où se fait la remise : doit être l'un de 'car', 'door', 'both'"),
    ],
)
def test_one_bad_setting_changes_nothing_and_is_named_in_the_pages_language(
    svc, shop, sophie, base, changes, field, said
):
    sophie.page(f"{base}/settings")
    response = sophie.post(f"{base}/settings", settings_form(**changes))
    assert response.status_code == 422
    page = text_of(response)
    assert alert(page) == "Rien d'enregistré : " + said
    assert re.search(rf'<p class="field-error" id="{field}-error">', page)
    store = stores.get_store(svc.db, shop.store.id)
    assert store.name == "Plein Air Laurier" and store.paused is False and store.hours is None
    assert 'value="Back at 2 pm."' in page  # the rest of what was typed is still there


def test_the_board_says_what_paused_customers_are_told(svc, shop, sophie, base):
    sophie.page(f"{base}/settings")
    sophie.submit(f"{base}/settings", settings_form(pause_message="De retour à 14 h."))
    shown = board.board_state(svc.db, shop.store.id, svc.clock())["store"]
    assert shown["paused"] is True and shown["pause_message"] == "De retour à 14 h."


# --- staff ------------------------------------------------------------------------------------------


def member(svc, shop, phone):
    return next(m for m in roster.roster(svc.db, shop.store.id) if m.phone == phone)


def test_staff_are_added_changed_put_off_duty_and_removed_after_a_confirmation(svc, shop, julie, sophie, base):
    page = sophie.page(f"{base}/staff")
    assert "Julie Tremblay" in page and 'Sophie Roy <span class="hint">(vous)</span>' in page
    assert '<a href="tel:+15145550111">514-555-0111</a>' in page  # written as people write it, dialled as E.164

    page = sophie.submit(
        f"{base}/staff",
        {"name": "Sam Wilson", "phone": "514-555-0112", "role": "staff", "language": "en", "on_duty": "1"},
    )
    assert notices(page) == ["Sam Wilson fait maintenant partie de l'équipe."]
    sam = member(svc, shop, SAM)
    assert (sam.name, sam.role, sam.language, sam.on_duty) == ("Sam Wilson", "staff", "en", True)
    [welcome] = svc.sender.to(SAM)  # as STAFF ADD by text does: told what texts will come, in his language
    assert "you're on the pickup team" in welcome

    assert 'value="manager"' in sophie.page(f"{base}/staff/{sam.id}")
    page = sophie.submit(
        f"{base}/staff/{sam.id}", {"name": "Sam W.", "role": "manager", "language": "fr", "on_duty": "1"}
    )
    assert notices(page) == ["Enregistré : Sam W."]
    sam = member(svc, shop, SAM)
    assert (sam.name, sam.role, sam.language) == ("Sam W.", "manager", "fr")

    page = sophie.submit(f"{base}/staff/{sam.id}/duty", {"on_duty": "0"})
    assert notices(page) == ["Sam W. est hors service."] and member(svc, shop, SAM).on_duty is False
    sophie.submit(f"{base}/staff/{sam.id}/duty", {"on_duty": "1"})
    assert member(svc, shop, SAM).on_duty is True

    confirm = sophie.page(f"{base}/staff/{sam.id}/remove")
    assert "Retirer Sam W. de l'équipe?" in confirm and f'action="{base}/staff/{sam.id}/remove"' in confirm
    assert [m.name for m in roster.roster(svc.db, shop.store.id)] == ["Julie Tremblay", "Sam W.", "Sophie Roy"]
    page = sophie.submit(f"{base}/staff/{sam.id}/remove", {})
    assert notices(page) == ["Sam W. ne fait plus partie de l'équipe."]
    assert [m.name for m in roster.roster(svc.db, shop.store.id)] == ["Julie Tremblay", "Sophie Roy"]


def test_a_phone_already_on_the_staff_or_not_a_phone_is_refused_at_its_field(svc, shop, julie, sophie, base):
    sophie.page(f"{base}/staff")
    response = sophie.post(
        f"{base}/staff",
        {"name": "Julie bis", "phone": "514 555 0111", "role": "staff", "language": "fr", "on_duty": "1"},
    )
    assert response.status_code == 409
    assert alert(text_of(response)) == "Rien d'enregistré : 514-555-0111 fait déjà partie de l'équipe"
    response = sophie.post(f"{base}/staff", {"name": "Sam", "phone": "call me", "role": "staff", "language": "en"})
    assert response.status_code == 422
    page = text_of(response)
    assert field_errors(page) == ["call me n'est pas un numéro de téléphone"] and 'value="Sam"' in page
    assert len(roster.roster(svc.db, shop.store.id)) == 2


def test_the_only_owner_can_be_neither_removed_nor_made_staff(svc, shop, sophie, base):
    me = member(svc, shop, SOPHIE)
    sophie.page(f"{base}/staff")
    response = sophie.post(f"{base}/staff/{me.id}/remove")
    assert response.status_code == 409
    said = "Sophie Roy est l'unique propriétaire : ajoutez d'abord un autre propriétaire"
    assert alert(text_of(response)) == "Rien d'enregistré : " + said
    response = sophie.post(f"{base}/staff/{me.id}", {"name": "Sophie Roy", "role": "staff", "language": "fr"})
    assert response.status_code == 409 and said in alert(text_of(response))
    assert member(svc, shop, SOPHIE).role == "owner"


# --- board & API ------------------------------------------------------------------------------------


def test_the_board_link_is_shown_and_a_new_one_stops_the_old_one_after_a_confirmation(svc, shop, sophie, base):
    old = shop.store.board_token
    page = sophie.page(f"{base}/access")
    assert f'value="https://pickup.example.test/board/{old}"' in page
    confirm = sophie.page(f"{base}/access/board")
    assert "Donner un nouveau lien au tableau?" in confirm
    assert stores.get_store(svc.db, shop.store.id).board_token == old  # asking changed nothing
    page = sophie.submit(f"{base}/access/board", {})
    assert notices(page) == ["Le tableau a un nouveau lien; l'ancien ne fonctionne plus."]
    new = stores.get_store(svc.db, shop.store.id).board_token
    assert new != old and f"/board/{new}" in page
    assert shop.client.get(f"/board/{old}").status_code == 404


def test_an_api_token_is_shown_once_works_for_this_store_only_and_can_be_revoked(svc, shop, sophie, base):
    sophie.page(f"{base}/access")
    response = sophie.post(f"{base}/access/tokens", {"name": "Caisse Lightspeed"})
    assert response.status_code == 201
    token = re.search(r'id="new-token" readonly value="(arv_[^"]+)"', text_of(response)).group(1)
    api = {"Authorization": f"Bearer {token}"}
    assert shop.client.get(f"/api/v1/stores/{shop.store.id}", headers=api).status_code == 200
    assert shop.client.post("/api/v1/stores", headers=api, json={}).status_code == 403
    # Only its hash is kept, and the page never shows it again.
    with svc.db.read() as session:
        assert [row.token_hash for row in session.scalars(select(ApiToken))] == [stores.hash_token(token)]
    page = sophie.page(f"{base}/access")
    assert token not in page and "Caisse Lightspeed" in page and "Actif" in page

    row = stores.store_tokens(svc.db, shop.store.id)[0]
    confirm = sophie.page(f"{base}/access/tokens/{row.id}/revoke")
    assert "Révoquer le jeton Caisse Lightspeed?" in confirm
    page = sophie.submit(f"{base}/access/tokens/{row.id}/revoke", {})
    assert notices(page) == ["Jeton Caisse Lightspeed révoqué."] and "Révoqué le " in page
    assert shop.client.get(f"/api/v1/stores/{shop.store.id}", headers=api).status_code == 401


def test_a_token_needs_a_name(svc, shop, sophie, base):
    sophie.page(f"{base}/access")
    response = sophie.post(f"{base}/access/tokens", {"name": "  "})
    assert response.status_code == 422
    assert alert(text_of(response)) == "Rien d'enregistré : Nom (ce qui s'en servira) : ne doit pas être vide"
    assert stores.store_tokens(svc.db, shop.store.id) == []


def test_a_manager_can_neither_make_nor_remove_an_owner_nor_become_one(svc, shop, julie, base):
    shop.staff("Marc Gagnon", MARC, role="manager", language="fr")
    marc = Browser(shop.app)
    marc.sign_in(svc, MARC)
    ids = {m.phone: m.id for m in roster.roster(svc.db, shop.store.id)}
    refused = [
        marc.post(
            f"{base}/staff/{ids[MARC]}", {"name": "Marc Gagnon", "role": "owner", "language": "fr", "on_duty": "1"}
        ),
        marc.post(
            f"{base}/staff",
            {"name": "Léa Roy", "phone": "514-555-0122", "role": "owner", "language": "fr", "on_duty": "1"},
        ),
        marc.post(f"{base}/staff/{ids[SOPHIE]}/remove"),
    ]
    for response in refused:
        assert response.status_code == 409
        assert "seul un propriétaire peut ajouter, modifier ou retirer un propriétaire" in alert(text_of(response))
    assert {m.phone: m.role for m in roster.roster(svc.db, shop.store.id)} == {
        SOPHIE: "owner",
        JULIE: "staff",
        MARC: "manager",
    }
    page = marc.submit(
        f"{base}/staff/{ids[JULIE]}", {"name": "Julie T.", "role": "manager", "language": "fr", "on_duty": "1"}
    )
    assert notices(page) == ["Enregistré : Julie T."]  # what a manager may do, they do
