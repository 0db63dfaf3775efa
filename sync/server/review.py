"""The /admin site's pages, as HTML text, in English or Urdu (`sync.server.words`): the sign-in,
the operator's page (received batches, refusals, the server's trail, a restore's notice) and
the central office's review: the entries waiting for a decision, one entry with its page image,
Accept / Reject, and accepting a whole batch after a confirmation. Pure functions of plain
values (`sync.server.central` and `ingest` read them; the routes in `sync.server.app` sign in,
check the CSRF token and decide). Every string goes through `t`, the page's `Words`.

Everything an office sent (values, names, register details, reasons) is escaped here, with
`html.escape` (quotes too: it also goes into attributes); no script runs on these pages at all
(`SECURITY_HEADERS`: a Content-Security-Policy without scripts, no framing; fonts only from this
server, `FONT_FILES`)."""

from __future__ import annotations

import json
from urllib.parse import quote, urlencode

from records.credentials import MIN_PASSWORD
from sync.clocks import span as clock_span
from sync.server.words import N_, Words, e, has_urdu, isolate_numbers, ltr

# no script at all, images, fonts and forms only from this server, never in another site's frame
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; img-src 'self'; font-src 'self'; style-src 'unsafe-inline'; "
                               "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}
# The web fonts the server gives (GET /admin/fonts/NAME), from resources/fonts: Noto Naskh Arabic
# for the Urdu interface (as the desktop's menus and labels), Daftar Nastaliq (Noto Nastaliq Urdu
# 3.007 renamed) for what the offices wrote. Both SIL Open Font License 1.1 (resources/licences,
# given at /admin/fonts/OFL.txt). Nothing is fetched from anywhere else.
FONT_FILES = {"naskh.ttf": "NotoNaskhArabic-Regular", "naskh-bold.ttf": "NotoNaskhArabic-Bold",
              "nastaliq.ttf": "DaftarNastaliq-Regular", "nastaliq-bold.ttf": "DaftarNastaliq-Bold"}
_URDU_RANGE = "U+0600-06FF,U+0750-077F,U+08A0-08FF,U+FB50-FDFF,U+FE70-FEFF,U+200C-200F,U+2066-2069"
FONT_FACES = (
    "/* Noto Naskh Arabic, Daftar Nastaliq (Noto Nastaliq Urdu 3.007): SIL OFL 1.1, /admin/fonts/OFL.txt */"
    + "".join(f"@font-face{{font-family:'{family}';src:url('/admin/fonts/{name}') format('truetype');"
              f"font-weight:{weight};font-display:swap;unicode-range:{_URDU_RANGE}}}"
              for family, name, weight in (("Daftar Naskh", "naskh.ttf", 400), ("Daftar Naskh", "naskh-bold.ttf", 700),
                                           ("Daftar Nastaliq", "nastaliq.ttf", 400),
                                           ("Daftar Nastaliq", "nastaliq-bold.ttf", 700))))
URDU_FONTS = ("'Daftar Nastaliq', 'Noto Nastaliq Urdu', 'Daftar Naskh', 'Noto Naskh Arabic', 'Jameel Noori Nastaleeq', "
              "serif")
STYLE = (
    "body{font-family:system-ui,'Noto Sans','Daftar Naskh',sans-serif;margin:1em 2em;color:#222}"
    "body.ur{font-family:'Daftar Naskh',system-ui,'Noto Sans',sans-serif;font-size:115%;line-height:1.75}"
    "body.ur td.v{text-align:right}.nw{white-space:nowrap}"
    "table{border-collapse:collapse}table.full{width:100%}th,td{border:1px solid #bbb;padding:4px 8px;text-align:start;vertical-align:top}"
    "th{background:#eee}.ur{font-family:" + URDU_FONTS + ";line-height:1.9}th.ur{font-weight:normal}"
    "nav{margin-bottom:1em}nav a{margin-inline-end:1em}.note{color:#060}.err{color:#a00;font-weight:bold}"
    ".signout{float:inline-end}.lang{font-weight:bold}.who{float:inline-end;margin-inline-end:1em;color:#555}"
    ".entry{display:flex;gap:1.5em;align-items:flex-start}.entry>div{flex:1;min-width:0}.entry>div.page{flex:1.5;position:sticky;top:0}"
    ".page img{max-width:100%;border:1px solid #888}form.inline{display:inline}"
    # a browser draws form controls in its own font (Arial: no Urdu, so an Urdu name typed at the
    # sign-in, the office filter's names, came out in a fallback font as unjoined letters)
    "input,select,option{font:inherit}"
    "textarea{width:100%;font-family:" + URDU_FONTS + ";font-size:1.05em}"
    "button{padding:4px 14px;margin:2px;font:inherit}.accept{background:#dfd}.reject{background:#fdd}"
    ".restored{border:2px solid #b60;background:#fff4e0;padding:.2em 1em;margin:1em 0}"
)
KINDS = ("jamabandi", "girdawari", "intiqal")
KIND_NAMES = {"jamabandi": N_("jamabandi"), "girdawari": N_("girdawari"), "intiqal": N_("intiqal")}
STATE_NAMES = {"received": N_("received"), "accepted": N_("accepted"), "rejected": N_("rejected")}
SOURCE_NAMES = {"network": N_("network"), "usb": N_("usb")}
# the server's trail: what each action is, and what each part of its detail is (Urdu pages)
ACTIONS = {
    "code.issued": N_("enrolment code issued"), "office.enrolled": N_("office enrolled"),
    "office.reenrolled": N_("office given a new key"), "office.revoked": N_("office's access revoked"),
    "enrol.refused": N_("enrolment refused"), "batch.imported": N_("batch file imported (USB)"),
    "decision.accepted": N_("entry accepted"), "decision.rejected": N_("entry rejected"),
    "decision.batch_accepted": N_("batch's entries accepted"), "admin.sign_in": N_("signed in"),
    "admin.sign_in_refused": N_("sign-in refused"), "admin.sign_out": N_("signed out"),
    "admin.sign_in_ended": N_("sign-in ran out"), "server.restored": N_("server found restored from a backup"),
    "server.restore_acknowledged": N_("restore notice acknowledged"),
    "operator.added": N_("operator added"), "operator.disabled": N_("operator disabled"),
    "operator.enabled": N_("operator enabled again"), "operator.password_reset": N_("operator's password set anew"),
    "operator.token_issued": N_("API token issued to an operator"),
    "operator.tokens_revoked": N_("operator's API tokens revoked"),
    "operator.password_changed": N_("operator changed their password"),
    "operator.password_change_refused": N_("operator's change of password refused"),
    "operator.role_changed": N_("operator's role changed"),
    "operator.renamed": N_("operator renamed"), "operator.removed": N_("operator removed"),
}
DETAIL_NAMES = {
    "by": N_("by"), "token": N_("token's fingerprint"), "address": N_("address"), "client": N_("program"),
    "sign_in": N_("sign-in no."), "signed_in_at": N_("signed in at"), "user": N_("user"), "host": N_("computer"),
    "name": N_("name"), "district": N_("district"), "tehsil": N_("tehsil"), "reenrol": N_("new key"),
    "expires_at": N_("valid until"), "was_revoked": N_("was revoked"), "error": N_("error"), "reason": N_("reason"),
    "entry_uuid": N_("entry"), "version": N_("version"), "batch_id": N_("batch"), "entries": N_("entries"),
    "source": N_("source"), "old_epoch": N_("old epoch"), "new_epoch": N_("new epoch"), "epoch": N_("epoch"),
    "marker": N_("written"), "database": N_("found"), "restored_at": N_("restored at"),
    "operator": N_("operator"), "role": N_("role"), "failures": N_("wrong passwords"),
    "locked_s": N_("locked out (seconds)"), "tokens": N_("tokens"), "was": N_("was"),
    "new_name": N_("new name"),
}
BY_NAMES = {"admin page": N_("admin page"), "admin API": N_("admin API"), "command line": N_("command line")}
ROLE_NAMES = {"reviewer": N_("reviewer"), "admin": N_("administrator")}
SHARED_NAME = N_("shared admin token")  # the `operator` of what the shared administrator token did
END_REASONS = {"idle": N_("idle"), "too_long": N_("too long"), "token_changed": N_("token changed"),
               "clock": N_("clock"), "operator_disabled": N_("operator disabled"),
               "password_changed": N_("password set anew"), "operators_exist": N_("operators added")}
REFUSED_REASONS = {"unknown_name": N_("no operator of that name"), "wrong_password": N_("wrong password"),
                   "locked": N_("locked out"), "disabled": N_("operator disabled"), "wrong_token": N_("wrong token"),
                   "token_not_for_web": N_("the administrator token (operators sign in by name)")}


def csrf_field(csrf: str) -> str:
    return f"<input type='hidden' name='csrf' value='{e(csrf)}'>"


def language_link(t: Words, here: str) -> str:
    """The switch to the other language, named in itself, back to this page (a cookie keeps it)."""
    back = quote(here or "/admin", safe="")
    if t.ur:
        return f"<a class='lang' href='/admin/language/en?back={back}' lang='en' dir='ltr'>English</a>"
    return f"<a class='lang ur' href='/admin/language/ur?back={back}' lang='ur' dir='rtl'>اردو</a>"


def person(t: Words, name: str) -> str:
    """An operator's name as HTML inside a sentence: in its own direction (an Urdu name right to
    left, a Latin one left to right in an Urdu sentence)."""
    return f"<bdi>{e(name)}</bdi>" if has_urdu(name) else t.code(name)


def signed_in_as(t: Words) -> str:
    """Who is signed in (`t.who`: an operator's name and role, or the shared token), beside Sign out."""
    if not t.who:
        return ""
    name, role, shared = t.who
    if shared:
        return f"<span class='who'>{t('Signed in with the shared administrator token')}</span>"
    return ("<span class='who'>" + t("Signed in as {name} ({role})", name=f"<b>{person(t, name)}</b>",
                                     role=t(ROLE_NAMES.get(role, role))) + "</span>")


def shell(t: Words, title: str, body: str, *, csrf: str | None, here: str = "/admin") -> str:
    """A whole page in `t`'s language and direction (each value an office wrote `dir='auto'` in
    the Urdu fonts), the site's links, the language switch and Sign out (with its CSRF token)."""
    if csrf is not None:
        mine = (f"<a href='/admin/password'>{t('Change my password')}</a>" if t.who and not t.who[2] else "")
        nav = (f"<nav><a href='/admin'>{t('Received batches')}</a><a href='/admin/review'>"
               f"{t('Entries waiting for a decision')}</a>{mine}{language_link(t, here)}"
               "<form method='post' action='/admin/logout' class='signout'>" + csrf_field(csrf)
               + f"<button>{t('Sign out')}</button></form>{signed_in_as(t)}</nav>")
    else:
        nav = f"<nav>{language_link(t, here)}</nav>"
    return (f"<!doctype html><html lang='{t.lang}' dir='{t.dir}'><head><meta charset='utf-8'><title>{e(title)}</title>"
            f"<style>{FONT_FACES}{STYLE}</style></head><body class='{t.lang}'>{nav}{body}</body></html>")


def _urdu(text: str) -> bool:
    return has_urdu(text)


def value_cell(t: Words, value, *, numeric: bool = False) -> str:
    """A value an office wrote: its own direction (Urdu right to left); Urdu in the Urdu fonts
    (Latin letters and digits stay in the page's font, which Nastaliq draws badly); numbers
    left to right (`Words.value`)."""
    text = "" if value is None else str(value)
    return f"<td class='{'v ur' if _urdu(t.digits(text)) else 'v'}' dir='auto'>{t.value(text, numeric=numeric)}</td>"


def name_cell(t: Words, value) -> str:
    """A name (an office, a user): as written, in its own direction (a number joined by - or /
    in it left to right)."""
    text = "" if value is None else str(value)
    return f"<td class='{'v ur' if _urdu(text) else 'v'}' dir='auto'>{isolate_numbers(e(text))}</td>"


def _query(**params) -> str:
    kept = {k: v for k, v in params.items() if v not in (None, "", 0)}
    return ("?" + urlencode(kept)) if kept else ""


def _register_line(t: Words, doc: dict) -> str:
    reg = doc.get("register") or {}
    parts = [reg.get("mauza"), reg.get("tehsil"), reg.get("district")]
    return ("، " if t.ur else ", ").join(str(p) for p in parts if p)


def _table(head: list[str], rows: list[list[str]]) -> str:
    """A table of HTML cells (made safe by the caller; a cell that is a whole `<td…>` already,
    such as `name_cell`'s, as it is) under headings (HTML too)."""
    return ("<table><tr>" + "".join(f"<th>{h}</th>" for h in head) + "</tr>"
            + "".join("<tr>" + "".join(c if c.startswith("<td") else f"<td>{c}</td>" for c in r) + "</tr>"
                      for r in rows) + "</table>")


# ----------------------------------------------------------------------------- sign-in
def login_page(t: Words, message: str = "", *, ok: bool = False, by_name: bool = True, here: str = "/admin") -> str:
    """The sign-in form: an operator's name and password (`by_name`), else, while the server has
    no operator, the shared administrator token; `message` is HTML."""
    said = f"<p class='{'note' if ok else 'err'}'>{message}</p>" if message else ""
    if by_name:
        form = (f"<form method='post' action='/admin/login'><p><label>{t('Name')}<br>"
                "<input name='name' autocomplete='username' autofocus dir='auto' required></label></p>"
                f"<p><label>{t('Password')}<br>"
                "<input type='password' name='password' autocomplete='current-password' dir='ltr' required></label></p>"
                f"<button type='submit'>{t('Sign in')}</button></form>")
    else:
        form = (f"<form method='post' action='/admin/login'><label>{t('Administrator token')} "
                "<input type='password' name='token' autocomplete='current-password' autofocus dir='ltr'></label> "
                f"<button type='submit'>{t('Sign in')}</button></form>"
                "<p><small>" + t("This server has no named operators yet, so its administrator token signs in here. "
                                 "Give each person of the central office their own name and password on the server: "
                                 "{command}; from then on this page signs in by name, and the server’s trail says "
                                 "who decided.", command=ltr("<code>daftar server operator add NAME</code>"))
                + "</small></p>")
    return shell(t, t.plain("Daftar: central server"), f"<h1>{t('Daftar central server')}</h1>{said}{form}",
                 csrf=None, here=here)


# ----------------------------------------------------------------------------- one's own password
def password_page(t: Words, *, csrf: str, forced: bool = False, message: str = "", ok: bool = False) -> str:
    """Change my password: the current one, the new one twice (the rules said beside them). With
    `forced` (someone else typed the password: `daftar server operator add` or `password`) it
    says why no other page works yet. `message` is HTML."""
    said = f"<p class='{'note' if ok else 'err'}'>{message}</p>" if message else ""
    why = ("<p>" + t("Your password was set by someone else (an administrator of the central server): choose your "
                     "own now. Until then no other page works.") + "</p>") if forced else ""
    field = ("<p><label>{label}<br><input type='password' name='{name}' autocomplete='{auto}' dir='ltr' required"
             "{focus}></label></p>")
    form = (f"<form method='post' action='/admin/password'>{csrf_field(csrf)}"
            + field.format(label=t("Current password"), name="current", auto="current-password", focus=" autofocus")
            + field.format(label=t("New password"), name="new", auto="new-password", focus="")
            + field.format(label=t("New password again"), name="again", auto="new-password", focus="")
            + "<p><small>" + t("At least {n} characters, and not your name. Your other sign-ins end when it is "
                               "changed; your API tokens keep working.", n=t.num(MIN_PASSWORD)) + "</small></p>"
            + f"<button type='submit'>{t('Change my password')}</button></form>")
    return shell(t, t.plain("Daftar: change my password"), f"<h1>{t('Change my password')}</h1>{said}{why}{form}",
                 csrf=csrf, here="/admin/password")


# ----------------------------------------------------------------------------- the operator's page
def _detail_value(t: Words, action: str, key: str, value) -> str:
    if isinstance(value, bool):
        return t("yes") if value else t("no")
    if key == "by" and value in BY_NAMES:
        return t(BY_NAMES[value])
    if key == "operator" and value == SHARED_NAME:
        return t(SHARED_NAME)
    if key in ("role", "was") and value in ROLE_NAMES:
        return t(ROLE_NAMES[value])
    if key == "reason" and action == "admin.sign_in_ended" and value in END_REASONS:
        return t(END_REASONS[value])
    if key == "reason" and action in ("admin.sign_in_refused", "operator.password_change_refused") \
            and value in REFUSED_REASONS:
        return t(REFUSED_REASONS[value])
    if key == "reason" and action == "enrol.refused":
        return t.message(str(value))
    if key in ("expires_at", "signed_in_at", "restored_at"):
        return t.when(value)
    if isinstance(value, int):
        return t.num(value)
    if isinstance(value, dict):
        return t.code(json.dumps(value, ensure_ascii=False, sort_keys=True))
    text = "" if value is None else str(value)
    return f"<bdi>{isolate_numbers(e(text))}</bdi>" if has_urdu(text) else t.code(text)


def _english_value(value) -> str:
    """A value of the trail's detail on the English page, as the API gives it; Urdu text (a reason,
    a name) in its own run with its numbers left to right (12-5 would show as 5-12)."""
    text = "" if value is None else str(value)
    return f"<bdi>{isolate_numbers(e(text))}</bdi>" if has_urdu(text) else e(text)


def _operator_named(action: str, key: str) -> bool:
    """Whether `key` of an event's detail is an operator's name (an office's name elsewhere)."""
    return key == "operator" or (key == "name" and action.startswith(("operator.", "admin.")))


def trail_rows(t: Words, events: list[dict], renamed: dict[str, str] | None = None) -> list[list[str]]:
    """The server's trail as table rows: in English each action and detail as the API gives
    them; in Urdu each said in Urdu (the action's code in its title). An operator's name that
    is a former name of theirs (`renamed`: former -> now, `operators.former_names`) is followed
    by the name they have now, so that what they did before a rename still shows who it was."""
    renamed = renamed or {}
    rows = []
    for ev in events:
        # (an empty value, as an accepted entry's reason, says nothing: "reason: ," was shown)
        detail = {k: v for k, v in (ev["detail"] or {}).items()
                  if k not in ("public_key", "old_public_key") and v not in ("", None)}
        now = {k: renamed[v] for k, v in detail.items()
               if _operator_named(ev["action"], k) and isinstance(v, str) and v in renamed}
        if t.ur:
            what = (f"<span title='{e(ev['action'])}'>{t(ACTIONS[ev['action']])}</span>" if ev["action"] in ACTIONS
                    else t.code(ev["action"]))

            def said_of(k, v, action=ev["action"], now=now):
                said = _detail_value(t, action, k, v)
                return f"{said} {t('(now {now})', now=person(t, now[k]))}" if k in now else said

            said = "، ".join(f"{t(DETAIL_NAMES[k]) if k in DETAIL_NAMES else t.code(k)}: {said_of(k, v)}"
                             for k, v in detail.items())
        else:
            what = e(ev["action"])
            said = ", ".join(f"{e(k)}: {_english_value(v)}" + (f" {t('(now {now})', now=e(now[k]))}" if k in now
                                                                else "") for k, v in detail.items())
        rows.append([t.when(ev["at"]), what, t.code(ev["office_id"]), said])
    return rows


def restore_notice(t: Words, notice: dict, *, csrf: str) -> str:
    """The operator's notice that the server found its database restored from an older backup
    (`sync.server.instance.restore_notice`): when, what it means for the offices and for the
    decisions made here, and **Understood**, which ends it (in the trail)."""
    marker, found = notice["marker"], notice["database"]
    numbers = ""
    if marker and found:
        numbers = "<p><small>" + t(
            "The database held batches up to no. {batches} and decisions up to no. {decisions}; the server had "
            "written batches up to no. {written_batches} and decisions up to no. {written_decisions}. New epoch "
            "{epoch}.", batches=t.num(found.get("batches")), decisions=t.num(found.get("decisions")),
            written_batches=t.num(marker.get("batches")), written_decisions=t.num(marker.get("decisions")),
            epoch=t.code(notice["epoch"])) + "</small></p>"
    return (
        "<div class='restored' role='alert'>"
        f"<h2>{t('The server’s database was restored from an older backup')}</h2>"
        "<p>" + t("Found when the server started on {when} (UTC). What the server had received after that backup "
                  "was lost from it.", when=t.when(notice["at"]))
        + " <b>" + t("The offices send it again by themselves at their next sync") + "</b>"
        + t(": each compares what the server holds with what it sent, and sends again what is missing; nobody "
            "at an office has to do anything.") + "</p>"
        "<p>" + t("Decisions made here after that backup were lost too: those entries wait for a decision again "
                  "(the offices list them as decided but no longer at the server). Decide them again in {link}.",
                  link=f"<a href='/admin/review'>{t('Entries waiting for a decision')}</a>") + "</p>" + numbers
        + "<form method='post' action='/admin/restored/acknowledge'>" + csrf_field(csrf)
        + f"<input type='hidden' name='event' value='{e(notice['event'])}'>"
        f"<button type='submit'>{t('Understood')}</button> <small>"
        + t("(this notice shows until someone presses it, at most until {day})", day=t.day(notice["until"]))
        + "</small></form></div>")


def clock_notice(t: Words, doubt) -> str:
    """The operator's notice that the offices agree this server's clock is wrong
    (`sync.clocks.ClockDoubt`): by how much, and what to do."""
    n, unit = clock_span(doubt.offset)
    span = {"minutes": t("{n} minutes", n=t.num(n)), "hours": t("{n} hours", n=t.num(n)),
            "days": t("{n} days", n=t.num(n))}[unit]
    said = (t("{agreeing} of the {seen} offices that synced in the last day agree with each other that this "
              "server’s clock is {span} behind.", agreeing=t.num(doubt.agreeing), seen=t.num(doubt.seen), span=span)
            if doubt.offset.total_seconds() > 0 else
            t("{agreeing} of the {seen} offices that synced in the last day agree with each other that this "
              "server’s clock is {span} ahead.", agreeing=t.num(doubt.agreeing), seen=t.num(doubt.seen), span=span))
    return ("<div class='restored' role='alert'>"
            f"<h2>{t('This server’s clock seems wrong')}</h2><p>{said} "
            + t("Set the server’s date and time (NTP). Until then an office whose clock agrees with the others is "
                "told that the server’s clock is wrong, not its own; the times this server records are wrong.")
            + "</p></div>")


def admin_home(t: Words, *, offices: list[dict], refusals: list[dict], events: list[dict], waiting: int,
               notice: dict | None, csrf: str, here: str = "/admin", clock=None,
               renamed: dict[str, str] | None = None) -> str:
    """The operator's page: a restore's notice, the entries waiting, the CSV links, every
    office with its batches, the newest refused batches and the server's trail (`renamed`:
    `trail_rows`)."""
    rows = []
    for o in offices:
        access = ""
        if o["revoked_at"]:
            access = t("REVOKED {when} {reason}", when=t.when(o["revoked_at"]),
                       reason=f"<bdi>{isolate_numbers(e(o['revoked_reason']))}</bdi>").strip()
        batches = o["batches"] or [None]
        for b in batches:
            if b is None:
                rows.append([name_cell(t, o["name"]), t.code(o["office_id"]), access,
                             t("nothing received since enrolment ({when})", when=t.when(o["enrolled_at"])), t.num(0),
                             "", ""])
            else:
                rows.append([name_cell(t, o["name"]), t.code(o["office_id"]), access,
                             t.code(b["batch_id"]), t.num(b["entries"]),
                             t(SOURCE_NAMES.get(b["source"], b["source"])), t.when(b["received_at"])])
    kinds = (("", N_("all")), *((k, KIND_NAMES[k]) for k in KINDS))
    links = " · ".join(f"<a href='/v1/admin/entries.csv{'?template=' + k if k else ''}'>{t(label)}</a>"
                       for k, label in kinds)
    for_excel = " · ".join(f"<a href='/v1/admin/entries.csv?excel=1{'&amp;template=' + k if k else ''}'>{t(label)}</a>"
                           for k, label in kinds)
    refused = [[t.when(r["at"]), name_cell(t, r["office_name"] or r["office_id"]), t.code(r["batch_id"]),
                t(SOURCE_NAMES.get(r["source"], r["source"])), t.code(r["status"]), t.code(r["error"]),
                t.message(r["reason"])] for r in refusals]
    trail = trail_rows(t, events, renamed)
    body = (
        (clock_notice(t, clock) if clock else "")
        + (restore_notice(t, notice, csrf=csrf) if notice else "")
        + f"<h1>{t('Received batches')}</h1>"
        + f"<p><a href='/admin/review'>{t('Entries waiting for a decision ({n})', n=t.num(waiting))}</a></p>"
        + f"<p>{t('Received entries as CSV: {links}', links=links)}</p>"
        + "<p>" + t("For Excel (areas such as {area} and shares such as {share} kept as text): {links}",
                    area=ltr(t.digits("11-4")) if t.ur else "11-4", share=ltr(t.digits("1/2")) if t.ur else "1/2",
                    links=for_excel) + "</p>"
        + _table([t(h) for h in (N_("Office"), N_("Office id"), N_("Access"), N_("Batch"), N_("Entries"),
                                 N_("Source"), N_("Received (UTC)"))], rows)
        + f"<h2>{t('Refused batches ({n} newest)', n=t.num(len(refused)))}</h2>"
        + (_table([t(h) for h in (N_("When (UTC)"), N_("Office"), N_("Batch"), N_("Source"), N_("Status"),
                                  N_("Error"), N_("Reason"))], refused) if refused else f"<p>{t('None.')}</p>")
        + f"<h2>{t('The server’s trail: enrolments, codes, revocations, sign-ins and decisions')}</h2>"
        + (_table([t(h) for h in (N_("When (UTC)"), N_("What"), N_("Office id"), N_("Detail"))], trail)
           if trail else f"<p>{t('None.')}</p>"))
    return shell(t, t.plain("Daftar: received batches"), body, csrf=csrf, here=here)


# ----------------------------------------------------------------------------- the review
def filters_form(t: Words, offices: list[tuple[str, str]], *, office: str, template: str, batch: str) -> str:
    opts = f"<option value=''>{t('every office')}</option>" + "".join(
        f"<option value='{e(ou)}'{' selected' if ou == office else ''}>{e(name or ou)}</option>" for ou, name in offices)
    kinds = f"<option value=''>{t('every kind')}</option>" + "".join(
        f"<option value='{k}'{' selected' if k == template else ''}>{t(KIND_NAMES[k])}</option>" for k in KINDS)
    if template and template not in KINDS:
        kinds += f"<option value='{e(template)}' selected>{e(template)}</option>"
    return ("<form method='get' action='/admin/review'>"
            f"<label>{t('Office')} <select name='office'>{opts}</select></label> "
            f"<label>{t('Register kind')} <select name='template'>{kinds}</select></label> "
            f"<label>{t('Batch')} <input name='batch' value='{e(batch)}' size='38' dir='ltr' "
            f"placeholder='{e(t.plain('batch id'))}'></label> "
            f"<button type='submit'>{t('Show')}</button> <a href='/admin/review'>{t('clear')}</a></form>")


def kind_name(t: Words, template) -> str:
    """A register kind as HTML: a built-in one by its name in this language, an office's own as written."""
    return t(KIND_NAMES[template]) if template in KIND_NAMES else e(template)


def waiting_list(t: Words, page: dict, offices: list[tuple[str, str]], *, office: str, template: str, batch: str,
                 after: int, csrf: str, note: str = "", errors: list[str] | None = None,
                 batch_info: dict | None = None, here: str = "/admin/review") -> str:
    """The entries waiting for a decision, one page of them, with the filters and the next
    page's link; with a batch filter, the link to accept the batch's waiting entries. `note`
    and `errors` are HTML."""
    f = {"office": office, "template": template, "batch": batch}
    out = [f"<h1>{t('Entries waiting for a decision')}</h1>"]
    if note:
        out.append(f"<p class='note'>{note}</p>")
    for error in errors or ():  # (each its own: run together, the second read as the end of the first)
        out.append(f"<p class='err'>{error}</p>")
    out.append(filters_form(t, offices, **f))
    shown = len(page["entries"])
    filtered = any(f.values())
    if after:
        said = (N_("{waiting} waiting under these filters; {shown} shown here (continued), oldest first.") if filtered
                else N_("{waiting} waiting; {shown} shown here (continued), oldest first."))
    else:
        said = (N_("{waiting} waiting under these filters; {shown} shown here (from the first), oldest first.")
                if filtered else N_("{waiting} waiting; {shown} shown here (from the first), oldest first."))
    out.append("<p>" + t(said, waiting=t.num(page["waiting"]), shown=t.num(shown)) + "</p>")
    if batch_info and batch_info["waiting"]:
        out.append(f"<p><a href='/admin/review/batch/{e(batch_info['batch_uuid'])}'>"
                   + t("Accept the {n} entries of this batch waiting for a decision…", n=t.num(batch_info["waiting"]))
                   + "</a></p>")
    if page["entries"]:
        rows = []
        for it in page["entries"]:
            doc = it["content"] or {}
            reg, pg = doc.get("register") or {}, doc.get("page") or {}
            link = f"/admin/review/{it['id']}" + _query(**f)
            rows.append(
                "<tr>"
                f"<td><a href='{e(link)}'>{t('open')}</a></td>"
                + name_cell(t, it["office_name"])
                + f"<td>{kind_name(t, reg.get('template_id'))}</td>" + value_cell(t, _register_line(t, doc))
                + f"<td>{t.num(reg.get('year'))}</td><td>{t.num(pg.get('page_no'))}</td><td>{t.num(doc.get('row_no'))}</td>"
                + name_cell(t, doc.get("approved_by") or "")
                + f"<td><a href='/admin/review{e(_query(**{**f, 'batch': it['batch_uuid']}))}'>"
                  f"{t.code(it['batch_uuid'][:8] + '…')}</a></td><td>{t.when(it['received_at'])}</td></tr>")
        head = (N_("Office"), N_("Register"), N_("Mauza, tehsil, district"), N_("Year"), N_("Page"), N_("Row"),
                N_("Approved by"), N_("Batch"), N_("Received (UTC)"))
        out.append("<table><tr><th></th>" + "".join(f"<th>{t(h)}</th>" for h in head) + "</tr>"
                   + "".join(rows) + "</table>")
    else:
        out.append(f"<p>{t('Nothing is waiting for a decision here.')}</p>")
    if page["next"] is not None:
        out.append(f"<p><a href='/admin/review{e(_query(**f, after=page['next']))}'>{t('Next page →')}</a></p>")
    return shell(t, t.plain("Daftar: entries waiting for a decision"), "".join(out), csrf=csrf, here=here)


def entry_page(t: Words, it: dict, *, csrf: str, office: str, template: str, batch: str, error: str = "",
               reason: str = "", image_type: str | None = None, here: str = "/admin/review") -> str:
    """One entry: its register, page, row, values (each in its own direction), who approved and
    verified it at the office, the page image, and Accept / Reject (a reason required) while
    it waits for a decision. `error` is HTML."""
    f = {"office": office, "template": template, "batch": batch}
    doc = it["content"] or {}
    reg, pg = doc.get("register") or {}, doc.get("page") or {}
    numbers = ("، " if t.ur else ", ").join(
        t(label, n=t.num(v)) for label, v in ((N_("hadbast no. {n}"), reg.get("hadbast_no")),
                                             (N_("year {n}"), reg.get("year")), (N_("volume {n}"), reg.get("volume")))
        if v not in (None, ""))
    head = "".join(
        f"<tr><th>{t(k)}</th>{cell}</tr>" for k, v, cell in (
            (N_("Office"), it["office_name"], name_cell(t, it["office_name"])),
            (N_("Mauza, tehsil, district"), _register_line(t, doc), value_cell(t, _register_line(t, doc))),
            (N_("Register"), numbers, f"<td class='v'>{numbers}</td>"),
            (N_("Approved at the office by"), doc.get("approved_by"), name_cell(t, doc.get("approved_by"))),
            (N_("Verified by"), doc.get("verified_by"), name_cell(t, doc.get("verified_by"))))
        if v not in (None, ""))
    labels = field_labels(reg.get("template_id"), list(doc.get("values") or {}))
    values = "".join(  # a field by its Urdu label in Urdu (an office's own field: its own name), both in English
        (f"<tr><th class='ur' dir='rtl'>{e(labels[k][1])}</th>" if t.ur and labels[k][1] else
         f"<tr><th>{t.code(labels[k][0])}</th>" if t.ur else
         f"<tr><th>{e(labels[k][0])}</th><th class='ur' dir='rtl'>{e(labels[k][1])}</th>")
        + f"{value_cell(t, v, numeric=labels[k][2])}</tr>" for k, v in (doc.get("values") or {}).items())
    where = "<p><small>" + t("Entry {entry} version {version}; batch {batch}, received {when} (UTC)",
                             entry=t.code(it["entry_uuid"]), version=t.num(it["version"]),
                             batch=t.code(it["batch_uuid"]), when=t.when(it["received_at"])) + "</small></p>"
    state = it["state"]
    if state == "received":
        action = f"/admin/review/{it['id']}/decision"
        hidden = (csrf_field(csrf) + f"<input type='hidden' name='version' value='{e(it['version'])}'>"
                  + "".join(f"<input type='hidden' name='{k}' value='{e(v)}'>" for k, v in f.items() if v))
        decide = (
            f"<h2>{t('Decision')}</h2>"
            + (f"<p class='err'>{error}</p>" if error else "")
            + f"<form method='post' action='{e(action)}' class='inline'>{hidden}"
              "<input type='hidden' name='decision' value='accepted'>"
              f"<button type='submit' class='accept'>{t('Accept')}</button></form>"
            + f"<form method='post' action='{e(action)}'>{hidden}"
              "<input type='hidden' name='decision' value='rejected'>"
              f"<p><label for='reason'>{t('Reason for rejecting (required; the office sees it):')}</label><br>"
              f"<textarea id='reason' name='reason' rows='3' dir='auto' required>{e(reason)}</textarea></p>"
              f"<button type='submit' class='reject'>{t('Reject')}</button></form>")
    else:
        said = f"<b>{t(STATE_NAMES.get(state, state))}</b>"
        if it["reason"]:
            line = t("This entry was {state}: {reason}.", state=said,
                     reason=f"<span class='v' dir='auto'>{isolate_numbers(e(it['reason']))}</span>")
        else:
            line = t("This entry was {state}.", state=said)
        decide = f"<h2>{t('Decision')}</h2><p>{line}</p>" + (f"<p class='err'>{error}</p>" if error else "")
    if pg.get("image_sha256"):
        src = f"/admin/images/{it['id']}"
        if image_type in (None, "image/png", "image/jpeg", "image/gif", "image/webp", "image/bmp"):
            alt = t.plain("page {n} of the register").replace("{n}", t.digits(pg.get("page_no")))
            image = f"<a href='{src}'><img src='{src}' alt='{e(alt)}'></a>"
        else:
            image = ("<p>" + t("{link} ({kind}: the browser may not show it here)",
                               link=f"<a href='{src}'>{t('Open the page image')}</a>", kind=t.code(image_type))
                     + "</p>")
    else:
        image = f"<p>{t('This entry names no page image.')}</p>"
    back = f"<p><a href='/admin/review{e(_query(**f))}'>{t('← back to the entries waiting for a decision')}</a></p>"
    kind = kind_name(t, reg.get("template_id")) if reg.get("template_id") else t("Entry")
    body = (back + "<h1>" + t("{kind}: page {page}, row {row}", kind=kind, page=t.num(pg.get("page_no")),
                              row=t.num(doc.get("row_no"))) + "</h1>"
            + (f"<p class='err'>{error}</p>" if error else "")
            + "<div class='entry'><div>"
            f"<table class='full'>{head}</table><h2>{t('Values')}</h2>"
            f"<table class='full'>{values or '<tr><td>' + t('(none)') + '</td></tr>'}</table>{decide}"
            f"{where}</div><div class='page'>{image}</div></div>")
    return shell(t, t.plain("Daftar: an entry for a decision"), body, csrf=csrf, here=here)


def field_labels(template: str | None, names: list[str]) -> dict[str, tuple[str, str, bool]]:
    """(English, Urdu) label of each field of a built-in register kind, and whether it is a
    number (shown left to right whole); the field's own name (both) for an office's own kind
    or a field the kind does not have."""
    from records.templates import BUILTIN, builtin

    spec = builtin(template) if template in BUILTIN else None
    out = {}
    for name in names:
        try:
            f = spec.field(name) if spec else None
        except KeyError:
            f = None
        out[name] = (f.label_en, f.label_ur, bool(f.numeric)) if f else (str(name), "", False)
    return out


def batch_confirm(t: Words, info: dict, *, csrf: str, error: str = "", here: str = "/admin/review") -> str:
    """The confirmation before accepting every waiting entry of a batch at once. `error` is HTML."""
    title = t.plain("Daftar: accept a batch")
    if not info["waiting"]:
        body = (f"<h1>{t('Batch {batch}', batch=t.code(info['batch_uuid']))}</h1>"
                f"<p>{t('None of its entries waits for a decision.')}</p>"
                f"<p><a href='/admin/review'>{t('← entries waiting for a decision')}</a></p>")
        return shell(t, title, body, csrf=csrf, here=here)
    back = f"/admin/review{_query(batch=info['batch_uuid'])}"
    n = t.num(info["waiting"])
    body = (
        f"<h1>{t('Accept a whole batch?')}</h1>"
        + (f"<p class='err'>{error}</p>" if error else "")
        + "<table>"
        + f"<tr><th>{t('Office')}</th>{name_cell(t, info['office_name'])}</tr>"
        + f"<tr><th>{t('Batch')}</th><td>{t.code(info['batch_uuid'])}</td></tr>"
        + f"<tr><th>{t('Received (UTC)')}</th><td>{t.when(info['received_at'])} "
          f"({t(SOURCE_NAMES.get(info['source'], info['source']))})</td></tr>"
        + f"<tr><th>{t('Entries in the batch')}</th><td>{t.num(info['entries'])}</td></tr>"
        + f"<tr><th>{t('Waiting for a decision')}</th><td>{n}</td></tr></table>"
        + "<p>" + t("All {n} entries of this batch waiting for a decision will be {accepted}; the office is told at "
                    "its next sync. Entries decided already keep their decision.", n=n,
                    accepted=f"<b>{t('accepted')}</b>") + "</p>"
        + f"<form method='post' action='/admin/review/batch/{e(info['batch_uuid'])}/accept'>{csrf_field(csrf)}"
          f"<input type='hidden' name='expected' value='{e(info['waiting'])}'>"
          f"<button type='submit' class='accept'>{t('Accept {n} entries', n=n)}</button> "
          f"<a href='{e(back)}'>{t('Cancel: look at them first')}</a></form>")
    return shell(t, title, body, csrf=csrf, here=here)


def message_page(t: Words, title: str, message: str, *, csrf: str | None, back: str = "/admin/review",
                 here: str = "/admin/review") -> str:
    """A page that says one thing: `title` is a string of the table, `message` HTML."""
    return shell(t, t.plain("Daftar: {title}").replace("{title}", t.plain(title)),
                 f"<h1>{t(title)}</h1><p class='err'>{message}</p><p><a href='{e(back)}'>{t('← back')}</a></p>",
                 csrf=csrf, here=here)


def image_type(head: bytes) -> str | None:
    """The content type of a page image from its first bytes (never from a name or the
    request); None when it is none of the kinds a scanner or the office's import gives."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "image/tiff"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"BM"):
        return "image/bmp"
    return None
