"""The admin Orders and Day report pages, in process through Flask's test client: an owner signs in with a one-time
link, adds, readies, cancels and imports orders, and reads the day's figures, charts and CSV; customers and staff
text through the signed webhook meanwhile."""

from __future__ import annotations

import csv
import html
import io
import re

import pytest

from bot.usecases import logins, orders, stores
from bot.usecases.errors import NotFound
from tests.support.conversation import Shop, demo_team

SOPHIE, MARIE, ALEX = "+15145550113", "+15145550123", "+15145550124"
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture
def shop(svc):
    return demo_team(svc)


class Owner:
    """A browser signed in to the admin pages as the owner (Flask's test client, keeping its session cookie)."""

    def __init__(self, shop: Shop, phone: str = SOPHIE):
        self.shop, self.client = shop, shop.app.test_client()
        token, _member = logins.link_for_phone(shop.svc.db, phone, shop.svc.clock())
        form = self.client.get(f"/admin/login/{token}")
        signed_in = self.client.post(f"/admin/login/{token}", data={"csrf_token": CSRF.search(form.text).group(1)})
        assert signed_in.status_code == 303

    def page(self, path: str = "orders", **query):
        return self.client.get(f"/admin/stores/{self.shop.store.id}/{path}", query_string=query)

    def post(self, path: str, data: dict, store_id: int | None = None, **kw):
        """A form sent as the page sends it, with this session's CSRF token; the 303 is followed."""
        token = CSRF.search(self.page().text).group(1)
        return self.client.post(
            f"/admin/stores/{store_id or self.shop.store.id}/{path}",
            data={"csrf_token": token, **data},
            follow_redirects=True,
            **kw,
        )


@pytest.fixture
def owner(shop):
    return Owner(shop)


def plain(fragment: str) -> str:
    """Markup as a person reads it: no tags, entities decoded, white space folded."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", fragment))).strip()


def notices(response) -> list[str]:
    return [plain(n) for n in re.findall(r'<p class="notice" role="status">(.*?)</p>', response.text, re.S)]


def error(response) -> str:
    found = re.search(r'<p class="error" role="alert">(.*?)</p>', response.text, re.S)
    return plain(found.group(1)) if found else ""


def order_row(response, number: str) -> str:
    found = re.search(rf'<tr class="order-row[^"]*" data-number="{number}">(.*?)</tr>', response.text, re.S)
    assert found, f"order {number} is not on the page"
    return plain(found.group(1))


# --- the orders page ----------------------------------------------------------------------------------------------


def test_the_orders_page_lists_todays_orders_with_where_their_pickup_stands(shop, owner):
    marie, alex = shop.customer(MARIE), shop.customer(ALEX)
    shop.order("1234", marie, "Marie Lavoie")
    shop.order("1235", alex, "Alex Martin", language="en", ready=False)
    marie.texts("chu rendue place 4")

    page = owner.page()

    assert page.status_code == 200
    assert order_row(page, "1234") == "#1234 Marie Lavoie 514-555-0123 Prête Attend · place 4 Annuler…"
    assert order_row(page, "1235").startswith("#1235 Alex Martin 514-555-0124 En préparation – Marquer prête")
    assert 'aria-current="page">Commandes</a>' in page.text
    assert 'style="' not in page.text and "<script" not in page.text
    assert "style-src 'self'" in page.headers["Content-Security-Policy"]


def test_an_order_added_ready_is_created_and_its_customer_texted(shop, owner):
    marie = shop.customer(MARIE)
    done = owner.post(
        "orders",
        {
            "number": "#1240",
            "customer_name": "Marie Lavoie",
            "customer_phone": "514 555-0123",
            "language": "fr",
            "ready": "1",
        },
    )
    assert done.status_code == 200 and done.request.path.endswith("/orders")
    assert notices(done) == ["Commande #1240 ajoutée; le client a reçu un texto disant qu'elle est prête."]
    assert shop.order_state("1240")["status"] == "ready"
    [ready] = marie.new()
    assert "#1240" in ready


def test_a_bad_phone_is_said_in_french_and_what_was_typed_stays_in_the_form(shop, owner):
    refused = owner.post(
        "orders", {"number": "1241", "customer_name": "Zoé Côté", "customer_phone": "555", "language": "fr"}
    )
    assert refused.status_code == 422
    assert error(refused) == "Rien d'enregistré : Cellulaire du client : 555 n'est pas un numéro de téléphone"
    assert 'value="Zoé Côté"' in refused.text and 'value="1241"' in refused.text
    with pytest.raises(NotFound):
        shop.order_state("1241")


def test_an_order_number_already_there_is_refused_not_duplicated(shop, owner):
    shop.order("1234", shop.customer(MARIE), "Marie Lavoie")
    refused = owner.post("orders", {"number": "1234", "customer_phone": ALEX, "language": "en"})
    assert refused.status_code == 422
    assert "la commande 1234 existe déjà dans ce magasin" in error(refused)
    assert shop.order_state("1234")["customer_phone"] == MARIE


def test_mark_ready_texts_the_customer_and_says_so(shop, owner):
    alex = shop.customer(ALEX)
    shop.order("1235", alex, "Alex Martin", language="en", ready=False)
    done = owner.post("orders/ready", {"number": "1235"})
    assert notices(done) == ["La commande #1235 est prête : le client a reçu un texto."]
    [ready] = alex.new()
    assert ready.startswith("Plein Air Laurier: order #1235 is ready")


def test_cancelling_asks_first_then_tells_the_waiting_customer_and_alerted_staff(shop, owner):
    marie = shop.customer(MARIE)
    shop.order("1234", marie, "Marie Lavoie")
    marie.texts("rendue place 4")
    marie.new(), shop.julie.new(), shop.sam.new()

    confirm = owner.page("orders/cancel", number="1234")
    assert confirm.status_code == 200
    assert "Annuler la commande #1234?" in confirm.text and "il recevra un texto" in confirm.text
    assert shop.order_state("1234")["status"] == "ready"  # asking cancels nothing

    done = owner.post("orders/cancel", {"number": "1234"})
    assert notices(done) == ["La commande #1234 est annulée."]
    assert "Annulée Annulée · place 4" in order_row(done, "1234")
    assert "annulée" in marie.new()[0]
    assert shop.julie.new()[0].startswith("Annulée : la commande #1234")
    assert shop.sam.new()[0].startswith("Cancelled: order #1234")


def test_a_handed_off_order_cannot_be_cancelled(shop, owner):
    marie = shop.customer(MARIE)
    shop.order("1234", marie, "Marie Lavoie")
    marie.texts("rendue place 4")
    shop.julie.texts("OK")
    shop.julie.texts("FAIT")

    confirm = owner.page("orders/cancel", number="1234")
    assert "Cette commande est remise : on ne peut plus l'annuler." in plain(confirm.text)
    assert "danger" not in confirm.text  # no button to cancel it
    refused = owner.post("orders/cancel", {"number": "1234"})
    assert refused.status_code == 422 and "la commande 1234 a déjà été remise" in error(refused)


def test_an_unknown_order_is_a_404_saying_so(owner):
    assert owner.page("orders/cancel", number="9999").status_code == 404
    missing = owner.post("orders/ready", {"number": "9999"})
    assert missing.status_code == 404 and "Aucune commande #9999 dans ce magasin." in error(missing)


# --- the CSV import -----------------------------------------------------------------------------------------------


def upload(owner, text: str, encoding: str = "utf-8-sig"):
    return owner.post(
        "orders/import",
        {"sheet": (io.BytesIO(text.encode(encoding)), "commandes.csv")},
        content_type="multipart/form-data",
    )


def test_a_semicolon_file_from_excel_is_imported_whole_and_known_numbers_are_reported(shop, owner):
    shop.order("1234", shop.customer(MARIE), "Marie Lavoie")
    alex = shop.customer(ALEX)
    done = upload(
        owner,
        "Numéro;Nom;Téléphone;Langue;Statut\r\n1234;Marie Lavoie;514-555-0123;fr;prête\r\n"
        "1235;Alex Martin;514-555-0124;en;ready\r\n1236;Zoé Côté;514-555-0125;fr;\r\n",
    )
    assert done.status_code == 200
    assert notices(done) == ["Commandes importées : 2.", "Déjà inscrites, pas importées de nouveau : #1234 (ligne 2)."]
    assert order_row(done, "1236").startswith("#1236 Zoé Côté 514-555-0125 En préparation")
    assert "#1235" in alex.new()[0]


def test_a_file_with_bad_lines_is_refused_whole_each_line_said_and_nothing_imported(shop, owner):
    refused = upload(
        owner,
        "number,customer_name,customer_phone,language,status\n"
        "1235,Alex Martin,514-555-0124,en,ready\n1236,Zoé Côté,555,fr,ready\n"
        "1237,Liam Chen,514-555-0126,es,livrée\n",
    )
    assert refused.status_code == 422
    # Said once, not "Rien d'enregistré : Rien n'a été importé".
    assert error(refused) == (
        "Rien d'enregistré : aucune commande importée. Corrigez les lignes ci-dessous, puis importez le fichier de "
        "nouveau."
    )
    listed = re.search(r'id="import-problems">(.*?)</ul>', refused.text, re.S).group(1)
    assert [plain(p) for p in re.findall(r"<li>(.*?)</li>", listed)] == [
        "Ligne 3 (Cellulaire du client) : 555 n'est pas un numéro de téléphone",
        "Ligne 4 (Textos en) : doit être l'un de 'en', 'fr'",
    ]
    assert orders.day_orders(shop.svc.db, shop.store.id, shop.svc.clock()) == []
    assert shop.customer(ALEX).new() == []


def test_a_file_not_in_utf8_is_refused_with_how_to_save_it(owner):
    refused = upload(owner, "number;customer_phone\n1;514-555-0125 Zoé\n", encoding="cp1252")
    assert refused.status_code == 422 and "CSV UTF-8" in refused.text


def test_a_file_past_the_upload_limit_is_turned_back_with_a_notice_and_shown_to_nobody_else(shop, owner):
    shop.order("1234", shop.customer(MARIE), "Marie Lavoie")
    big = "number,customer_phone\n" + "".join(f"{n},514-555-0124\n" for n in range(20000))  # about 350 KB
    turned_back = upload(owner, big)
    assert turned_back.status_code == 200 and turned_back.request.path.endswith("/orders")
    assert notices(turned_back) == ["Rien d'importé : le fichier dépasse 256 Ko. Séparez-le en plusieurs fichiers."]
    assert [o["number"] for o in orders.day_orders(shop.svc.db, shop.store.id, shop.svc.clock())] == ["1234"]
    stranger = shop.app.test_client().post(
        f"/admin/stores/{shop.store.id}/orders/import",
        data=big.encode(),
        content_type="text/csv",
        follow_redirects=True,
    )
    assert stranger.request.path == "/admin/signin" and "Marie Lavoie" not in stranger.text


def test_the_page_speaks_english_when_asked(shop, owner):
    token = CSRF.search(owner.page().text).group(1)
    owner.client.post("/admin/language", data={"csrf_token": token, "lang": "en"})
    refused = upload(owner, "number,customer_phone\n1234,555\n")
    assert "Line 2 (Customer's cell phone): 555 is not a phone number" in plain(refused.text)


# --- the day report -----------------------------------------------------------------------------------------------


def three_handoffs(shop):
    """Marie waits 3 minutes for a claim and is handed her order 2 minutes later; Alex, at the door, 1 and 1; Zoé
    arrives later and is still waiting."""
    marie, alex, zoe = shop.customer(MARIE), shop.customer(ALEX), shop.customer("+15145550125")
    shop.order("1234", marie, "Marie Lavoie")
    shop.order("1235", alex, "Alex Martin", language="en")
    shop.order("1236", zoe, "Zoé Côté")
    marie.texts("rendue place 4")
    shop.svc.clock.advance(180)
    shop.julie.texts("OK 1234")
    alex.texts("at the door")
    shop.svc.clock.advance(60)
    shop.sam.texts("OK 1235")
    shop.svc.clock.advance(60)
    shop.julie.texts("FAIT 1234")
    shop.sam.texts("DONE 1235")
    zoe.texts("rendue place 9")


def figure(page, name: str) -> str:
    return re.search(rf'<dd id="{name}">(.*?)</dd>', page.text).group(1)


def test_the_day_report_draws_both_charts_with_a_table_and_the_numbers_status_texts(shop, owner):
    three_handoffs(shop)
    page = owner.page("report")
    assert page.status_code == 200
    assert (figure(page, "handed-off"), figure(page, "median-wait"), figure(page, "longest-wait")) == (
        "2",
        "4 min",
        "5 min",
    )
    [status] = shop.owner.texts("STATUT")
    assert "2 remises, attente médiane 4 min, la plus longue 5 min" in status

    per_hour = re.search(r'<svg class="chart" id="per-hour-chart".*?</svg>', page.text, re.S).group(0)
    assert 'role="img"' in per_hour and '<title id="per-hour-chart-title">Remises par heure</title>' in per_hour
    assert re.findall(r'<rect class="bar series-0"[^>]*data-value="(\d+)"', per_hour) == ["2"]
    assert "2 remises; l'heure la plus occupée : 10 h, avec 2." in plain(per_hour)
    waits = re.search(r'<svg class="chart" id="waits-chart".*?</svg>', page.text, re.S).group(0)
    assert sorted(re.findall(r'<rect class="bar (series-\d)"', waits)) == [
        "series-0",
        "series-0",
        "series-1",
        "series-1",
        "series-2",
        "series-2",
    ]
    # The tables beside the charts. Arrival → claim: 3 and 1 min; claim → handed off: 2 and 1 min; arrival → handed
    # off: 5 and 2 min (a bound belongs to the bucket it opens).
    tables = [plain(row) for row in re.findall(r"<tr><th scope=\"row\">.*?</tr>", page.text)]
    assert "10 h 2" in tables
    assert tables[-6:-3] == ["< 2 1 1 0", "2\u20135 1 1 1", "5\u201310 0 0 1"]
    assert 'style="' not in page.text


def test_a_day_of_one_handoff_is_said_in_the_singular(shop, owner):
    marie = shop.customer(MARIE)
    shop.order("1234", marie, "Marie Lavoie")
    marie.texts("rendue place 4")
    shop.julie.texts("OK 1234")
    shop.julie.texts("FAIT 1234")
    per_hour = re.search(r'<svg class="chart" id="per-hour-chart".*?</svg>', owner.page("report").text, re.S).group(0)
    assert "1 remise, à 10 h." in plain(per_hour)
    assert "remises;" not in plain(per_hour)


def test_the_day_report_of_a_day_without_handoffs_says_so_and_a_bad_day_is_refused(shop, owner):
    three_handoffs(shop)
    yesterday = owner.page("report", day="2026-11-25")
    assert yesterday.status_code == 200 and "Aucune remise ce jour-là." in yesterday.text
    assert figure(yesterday, "handed-off") == "0" and "<svg" not in yesterday.text
    bad = owner.page("report", day="hier")
    assert bad.status_code == 422 and figure(bad, "handed-off") == "2"


def test_the_csv_export_has_one_row_per_handoff_with_semicolons_for_excel_in_french(shop, owner):
    three_handoffs(shop)
    page = owner.page("report")
    link = re.search(r'id="report-csv" href="([^"]+)"', page.text).group(1).replace("&amp;", "&")
    exported = owner.client.get(link)
    assert exported.status_code == 200 and exported.mimetype == "text/csv"
    assert 'filename="arrivee-' in exported.headers["Content-Disposition"]
    text = exported.data.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    assert rows[0] == [
        "orders",
        "customer",
        "where",
        "arrived_at",
        "claimed_at",
        "handed_off_at",
        "seconds_to_claim",
        "seconds_to_handoff",
        "claimed_by",
    ]
    assert rows[1:] == [
        [
            "#1234",
            "Marie L.",
            "4",
            "2026-11-26 10:00:00",
            "2026-11-26 10:03:00",
            "2026-11-26 10:05:00",
            "180",
            "300",
            "Julie Tremblay",
        ],
        [
            "#1235",
            "Alex M.",
            "door",
            "2026-11-26 10:03:00",
            "2026-11-26 10:04:00",
            "2026-11-26 10:05:00",
            "60",
            "120",
            "Sam Wilson",
        ],
    ]
    comma = owner.page("report.csv", sep="comma").data.decode("utf-8")
    assert comma.startswith("\ufefforders,customer,where,") and "#1234,Marie L.,4," in comma


# --- who may see what ---------------------------------------------------------------------------------------------


def test_another_stores_orders_and_report_are_404_and_stay_untouched(shop, owner):
    other = stores.create_store(shop.svc.db, "Boutique Ailleurs", "+15145550200", "America/Toronto", "fr")
    orders.create_order(shop.svc, other.id, "5000", "+15145550150", "Léo Roy", status="ready")
    for path in ("orders", "orders/cancel?number=5000", "report", "report.csv"):
        assert owner.client.get(f"/admin/stores/{other.id}/{path}").status_code == 404, path
    refused = owner.post("orders/cancel", {"number": "5000"}, store_id=other.id)
    assert refused.status_code == 404
    assert orders.get_order(shop.svc.db, other.id, "5000")["status"] == "ready"


def test_the_pages_need_a_signed_in_owner_and_forms_a_csrf_token(shop, owner):
    stranger = shop.app.test_client()
    for path in ("orders", "report", "report.csv"):
        away = stranger.get(f"/admin/stores/{shop.store.id}/{path}")
        assert away.status_code == 303 and "/admin/signin" in away.headers["Location"]
    forged = owner.client.post(f"/admin/stores/{shop.store.id}/orders", data={"number": "1", "customer_phone": MARIE})
    assert forged.status_code == 403
    with pytest.raises(NotFound):
        shop.order_state("1")
