"""The central office's review pages of the /admin site, as HTML text: the entries waiting for
a decision, one entry with its page image, Accept / Reject, and accepting a whole batch after a
confirmation. Pure functions of plain values (`sync.server.central` reads them; the routes in
`sync.server.app` sign in, check the CSRF token and decide).

Everything an office sent (values, names, register details, reasons) is escaped here, with
`html.escape` (quotes too: it also goes into attributes); no script runs on these pages at all
(`SECURITY_HEADERS`: a Content-Security-Policy without scripts, no framing)."""

from __future__ import annotations

from html import escape
from urllib.parse import urlencode

# no script at all, images and forms only from this server, never in another site's frame
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; "
                               "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}
URDU_FONTS = "'Noto Nastaliq Urdu', 'Noto Naskh Arabic', 'Noto Naskh Urdu', 'Jameel Noori Nastaleeq', serif"
STYLE = (
    "body{font-family:system-ui,'Noto Sans',sans-serif;margin:1em 2em;color:#222}"
    "table{border-collapse:collapse}table.full{width:100%}th,td{border:1px solid #bbb;padding:4px 8px;text-align:start;vertical-align:top}"
    "th{background:#eee}.ur{font-family:" + URDU_FONTS + ";line-height:1.9}th.ur{font-weight:normal}"
    "nav{margin-bottom:1em}nav a{margin-right:1em}.note{color:#060}.err{color:#a00;font-weight:bold}"
    ".entry{display:flex;gap:1.5em;align-items:flex-start}.entry>div{flex:1;min-width:0}.entry>div.page{flex:1.5;position:sticky;top:0}"
    ".page img{max-width:100%;border:1px solid #888}form.inline{display:inline}"
    "textarea{width:100%;font-family:" + URDU_FONTS + ";font-size:1.05em}"
    "button{padding:4px 14px;margin:2px}.accept{background:#dfd}.reject{background:#fdd}"
    ".restored{border:2px solid #b60;background:#fff4e0;padding:.2em 1em;margin:1em 0}"
)
KINDS = ("jamabandi", "girdawari", "intiqal")


def e(value) -> str:
    """Text from anywhere (an office, the database, a query) as HTML text or attribute."""
    return escape("" if value is None else str(value), quote=True)


def csrf_field(csrf: str) -> str:
    return f"<input type='hidden' name='csrf' value='{e(csrf)}'>"


def shell(title: str, body: str, *, csrf: str | None) -> str:
    """A whole page: English interface (left to right; each value an office wrote is
    `dir='auto'` in an Urdu font stack), the site's links and Sign out (with its CSRF token)."""
    nav = ""
    if csrf is not None:
        nav = ("<nav><a href='/admin'>Received batches</a><a href='/admin/review'>Entries waiting for a decision</a>"
               "<form method='post' action='/admin/logout' style='float:right'>" + csrf_field(csrf)
               + "<button>Sign out</button></form></nav>")
    return (f"<!doctype html><html lang='en' dir='ltr'><head><meta charset='utf-8'><title>{e(title)}</title>"
            f"<style>{STYLE}</style></head><body>{nav}{body}</body></html>")


def _urdu(text: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f" or "\ufb50" <= ch <= "\ufeff"
               for ch in text)


def value_cell(value) -> str:
    """A value an office wrote: its own direction (Urdu right to left); Urdu in the Urdu fonts
    (Latin letters and digits stay in the page's font, which Nastaliq draws badly)."""
    text = "" if value is None else str(value)
    return f"<td class='{'v ur' if _urdu(text) else 'v'}' dir='auto'>{e(text)}</td>"


def _query(**params) -> str:
    kept = {k: v for k, v in params.items() if v not in (None, "", 0)}
    return ("?" + urlencode(kept)) if kept else ""


def _register_line(doc: dict) -> str:
    reg = doc.get("register") or {}
    parts = [reg.get("mauza"), reg.get("tehsil"), reg.get("district")]
    return ", ".join(str(p) for p in parts if p)


def filters_form(offices: list[tuple[str, str]], *, office: str, template: str, batch: str) -> str:
    opts = "<option value=''>every office</option>" + "".join(
        f"<option value='{e(ou)}'{' selected' if ou == office else ''}>{e(name or ou)}</option>" for ou, name in offices)
    kinds = "<option value=''>every kind</option>" + "".join(
        f"<option value='{k}'{' selected' if k == template else ''}>{k}</option>" for k in KINDS)
    if template and template not in KINDS:
        kinds += f"<option value='{e(template)}' selected>{e(template)}</option>"
    return ("<form method='get' action='/admin/review'>"
            f"<label>Office <select name='office'>{opts}</select></label> "
            f"<label>Register kind <select name='template'>{kinds}</select></label> "
            f"<label>Batch <input name='batch' value='{e(batch)}' size='38' placeholder='batch id'></label> "
            "<button type='submit'>Show</button> <a href='/admin/review'>clear</a></form>")


def waiting_list(page: dict, offices: list[tuple[str, str]], *, office: str, template: str, batch: str,
                 after: int, csrf: str, note: str = "", error: str = "", batch_info: dict | None = None) -> str:
    """The entries waiting for a decision, one page of them, with the filters and the next
    page's link; with a batch filter, the link to accept the batch's waiting entries."""
    f = {"office": office, "template": template, "batch": batch}
    out = ["<h1>Entries waiting for a decision</h1>"]
    if note:
        out.append(f"<p class='note'>{e(note)}</p>")
    if error:
        out.append(f"<p class='err'>{e(error)}</p>")
    out.append(filters_form(offices, **f))
    shown = len(page["entries"])
    first = "from the first" if not after else "continued"
    out.append(f"<p>{page['waiting']} waiting{' under these filters' if any(f.values()) else ''}; "
               f"{shown} shown here ({first}), oldest first.</p>")
    if batch_info and batch_info["waiting"]:
        out.append(f"<p><a href='/admin/review/batch/{e(batch_info['batch_uuid'])}'>Accept the "
                   f"{batch_info['waiting']} entries of this batch waiting for a decision…</a></p>")
    if page["entries"]:
        rows = []
        for it in page["entries"]:
            doc = it["content"] or {}
            reg, pg = doc.get("register") or {}, doc.get("page") or {}
            link = f"/admin/review/{it['id']}" + _query(**f)
            rows.append(
                "<tr>"
                f"<td><a href='{e(link)}'>open</a></td>"
                + value_cell(it["office_name"])
                + f"<td>{e(reg.get('template_id'))}</td>" + value_cell(_register_line(doc))
                + f"<td>{e(reg.get('year'))}</td><td>{e(pg.get('page_no'))}</td><td>{e(doc.get('row_no'))}</td>"
                + value_cell(doc.get("approved_by") or "")
                + f"<td><a href='/admin/review{e(_query(**{**f, 'batch': it['batch_uuid']}))}'>"
                  f"{e(it['batch_uuid'][:8])}…</a></td><td>{e(it['received_at'])}</td></tr>")
        out.append("<table><tr><th></th><th>Office</th><th>Register</th><th>Mauza, tehsil, district</th><th>Year</th>"
                   "<th>Page</th><th>Row</th><th>Approved by</th><th>Batch</th><th>Received (UTC)</th></tr>"
                   + "".join(rows) + "</table>")
    else:
        out.append("<p>Nothing is waiting for a decision here.</p>")
    if page["next"] is not None:
        out.append(f"<p><a href='/admin/review{e(_query(**f, after=page['next']))}'>Next page →</a></p>")
    return shell("Daftar: entries waiting for a decision", "".join(out), csrf=csrf)


def entry_page(it: dict, *, csrf: str, office: str, template: str, batch: str, error: str = "",
               reason: str = "", image_type: str | None = None) -> str:
    """One entry: its register, page, row, values (each in its own direction), who approved and
    verified it at the office, the page image, and Accept / Reject (a reason required) while
    it waits for a decision."""
    f = {"office": office, "template": template, "batch": batch}
    doc = it["content"] or {}
    reg, pg = doc.get("register") or {}, doc.get("page") or {}
    numbers = ", ".join(f"{k} {v}" for k, v in (("hadbast no.", reg.get("hadbast_no")), ("year", reg.get("year")),
                                                 ("volume", reg.get("volume"))) if v not in (None, ""))
    facts = [("Office", it["office_name"]), ("Mauza, tehsil, district", _register_line(doc)),
             ("Register", numbers), ("Approved at the office by", doc.get("approved_by")),
             ("Verified by", doc.get("verified_by"))]
    head = "".join(f"<tr><th>{e(k)}</th>{value_cell(v)}</tr>" for k, v in facts if v not in (None, ""))
    labels = field_labels(reg.get("template_id"), list(doc.get("values") or {}))
    values = "".join(f"<tr><th>{e(labels[k][0])}</th><th class='ur' dir='rtl'>{e(labels[k][1])}</th>"
                     f"{value_cell(v)}</tr>" for k, v in (doc.get("values") or {}).items())
    where = (f"<p><small>Entry {e(it['entry_uuid'])} version {e(it['version'])}; batch {e(it['batch_uuid'])}, "
             f"received {e(it['received_at'])} (UTC)</small></p>")
    state = it["state"]
    if state == "received":
        action = f"/admin/review/{it['id']}/decision"
        hidden = (csrf_field(csrf) + f"<input type='hidden' name='version' value='{e(it['version'])}'>"
                  + "".join(f"<input type='hidden' name='{k}' value='{e(v)}'>" for k, v in f.items() if v))
        decide = (
            "<h2>Decision</h2>"
            + (f"<p class='err'>{e(error)}</p>" if error else "")
            + f"<form method='post' action='{e(action)}' class='inline'>{hidden}"
              "<input type='hidden' name='decision' value='accepted'>"
              "<button type='submit' class='accept'>Accept</button></form>"
            + f"<form method='post' action='{e(action)}'>{hidden}"
              "<input type='hidden' name='decision' value='rejected'>"
              "<p><label for='reason'>Reason for rejecting (required; the office sees it):</label><br>"
              f"<textarea id='reason' name='reason' rows='3' dir='auto' required>{e(reason)}</textarea></p>"
              "<button type='submit' class='reject'>Reject</button></form>")
    else:
        decide = (f"<h2>Decision</h2><p>This entry was <b>{e(state)}</b>"
                  + (f": <span class='v' dir='auto'>{e(it['reason'])}</span>" if it["reason"] else "") + ".</p>"
                  + (f"<p class='err'>{e(error)}</p>" if error else ""))
    if pg.get("image_sha256"):
        src = f"/admin/images/{it['id']}"
        if image_type in (None, "image/png", "image/jpeg", "image/gif", "image/webp", "image/bmp"):
            image = f"<a href='{src}'><img src='{src}' alt='page {e(pg.get('page_no'))} of the register'></a>"
        else:
            image = f"<p><a href='{src}'>Open the page image</a> ({e(image_type)}: the browser may not show it here)</p>"
    else:
        image = "<p>This entry names no page image.</p>"
    back = f"<p><a href='/admin/review{e(_query(**f))}'>← back to the entries waiting for a decision</a></p>"
    body = (back + f"<h1>{e(reg.get('template_id') or 'Entry')}: page {e(pg.get('page_no'))}, "
                   f"row {e(doc.get('row_no'))}</h1>"
            + (f"<p class='err'>{e(error)}</p>" if error else "")
            + "<div class='entry'><div>"
            f"<table class='full'>{head}</table><h2>Values</h2>"
            f"<table class='full'>{values or '<tr><td>(none)</td></tr>'}</table>{decide}"
            f"{where}</div><div class='page'>{image}</div></div>")
    return shell("Daftar: an entry for a decision", body, csrf=csrf)


def field_labels(template: str | None, names: list[str]) -> dict[str, tuple[str, str]]:
    """(English, Urdu) label of each field of a built-in register kind; the field's own name
    (both) for an office's own kind or a field the kind does not have."""
    from records.templates import BUILTIN, builtin

    spec = builtin(template) if template in BUILTIN else None
    out = {}
    for name in names:
        try:
            f = spec.field(name) if spec else None
        except KeyError:
            f = None
        out[name] = (f.label_en, f.label_ur) if f else (str(name), "")
    return out


def batch_confirm(info: dict, *, csrf: str, error: str = "") -> str:
    """The confirmation before accepting every waiting entry of a batch at once."""
    if not info["waiting"]:
        body = (f"<h1>Batch {e(info['batch_uuid'])}</h1><p>None of its entries waits for a decision.</p>"
                f"<p><a href='/admin/review'>← entries waiting for a decision</a></p>")
        return shell("Daftar: accept a batch", body, csrf=csrf)
    back = f"/admin/review{_query(batch=info['batch_uuid'])}"
    body = (
        "<h1>Accept a whole batch?</h1>"
        + (f"<p class='err'>{e(error)}</p>" if error else "")
        + "<table>"
        + f"<tr><th>Office</th>{value_cell(info['office_name'])}</tr>"
        + f"<tr><th>Batch</th><td>{e(info['batch_uuid'])}</td></tr>"
        + f"<tr><th>Received (UTC)</th><td>{e(info['received_at'])} ({e(info['source'])})</td></tr>"
        + f"<tr><th>Entries in the batch</th><td>{e(info['entries'])}</td></tr>"
        + f"<tr><th>Waiting for a decision</th><td>{e(info['waiting'])}</td></tr></table>"
        + f"<p>All {info['waiting']} entries of this batch waiting for a decision will be <b>accepted</b>; the "
          "office is told at its next sync. Entries decided already keep their decision.</p>"
        + f"<form method='post' action='/admin/review/batch/{e(info['batch_uuid'])}/accept'>{csrf_field(csrf)}"
          f"<input type='hidden' name='expected' value='{e(info['waiting'])}'>"
          f"<button type='submit' class='accept'>Accept {e(info['waiting'])} entries</button> "
          f"<a href='{e(back)}'>Cancel: look at them first</a></form>")
    return shell("Daftar: accept a batch", body, csrf=csrf)


def message_page(title: str, message: str, *, csrf: str | None, back: str = "/admin/review") -> str:
    return shell(f"Daftar: {title}", f"<h1>{e(title)}</h1><p class='err'>{e(message)}</p>"
                                     f"<p><a href='{e(back)}'>← back</a></p>", csrf=csrf)


def restore_notice(notice: dict, *, csrf: str) -> str:
    """The operator's notice that the server found its database restored from an older backup
    (`sync.server.instance.restore_notice`): when, what it means for the offices and for the
    decisions made here, and **Understood**, which ends it (in the trail)."""
    at = notice["at"].strftime("%Y-%m-%d %H:%M")
    until = notice["until"].strftime("%Y-%m-%d")
    marker, found = notice["marker"], notice["database"]
    numbers = ""
    if marker and found:
        numbers = (f"<p><small>The database held batches up to no. {e(found.get('batches'))} and decisions up to "
                   f"no. {e(found.get('decisions'))}; the server had written batches up to no. "
                   f"{e(marker.get('batches'))} and decisions up to no. {e(marker.get('decisions'))}. New epoch "
                   f"{e(notice['epoch'])}.</small></p>")
    return (
        "<div class='restored' role='alert'>"
        f"<h2>The server's database was restored from an older backup</h2>"
        f"<p>Found when the server started on {e(at)} (UTC). What the server had received after that backup was "
        "lost from it. <b>The offices send it again by themselves at their next sync</b>: each compares what the "
        "server holds with what it sent, and sends again what is missing; nobody at an office has to do "
        "anything.</p>"
        "<p>Decisions made here after that backup were lost too: those entries wait for a decision again (the "
        "offices list them as decided but no longer at the server). Decide them again in "
        "<a href='/admin/review'>Entries waiting for a decision</a>.</p>" + numbers
        + "<form method='post' action='/admin/restored/acknowledge'>" + csrf_field(csrf)
        + f"<input type='hidden' name='event' value='{e(notice['event'])}'>"
        f"<button type='submit'>Understood</button> <small>(this notice shows until someone presses it, at most "
        f"until {e(until)})</small></form></div>")


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
