"""Pages that build their content with scripts, served by the real local test servers.

Every text is our own. `QUOTE` reaches the page only through fetch() of JSON, so a
plain HTTP request never sees it.
"""

import json

QUOTE = (
    "Die Zahl der Ladesäulen im Landkreis hat sich seit 2023 auf 412 verdoppelt, "
    "sagte Landrätin Miriam Kessler am Montag."
)
FRAMED = "Im eingebetteten Beitrag bestätigt das Landratsamt die Zahl der Ladesäulen."
PNG_PIXEL = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cf000000030101007a1fb4e90000000049454e44ae426082"
)


def serve_script_built_page(server, path="/ladesaeulen") -> str:
    """A page whose quote arrives by fetch(), with a lazy image far below and a frame."""
    server.pages[f"{path}.json"] = (json.dumps({"quote": QUOTE}).encode(), "application/json")
    server.pages[f"{path}-lazy.png"] = (PNG_PIXEL, "image/png")
    server.pages[f"{path}-frame"] = (
        f"<!doctype html><html><body><p>{FRAMED}</p></body></html>".encode(),
        "text/html; charset=utf-8",
    )
    server.pages[path] = (
        f"""<!doctype html><html lang="de"><head><meta charset="utf-8">
<title>Ladesäulen im Landkreis</title></head><body>
<article><h1>Ladesäulen im Landkreis</h1><p id="quote">Wird geladen …</p>
<p>Der Kreistag berät im Dezember über weitere Standorte an Bahnhöfen und Schulen.</p>
<iframe src="{path}-frame" title="Beitrag"></iframe></article>
<div style="height: 4000px"></div>
<img loading="lazy" src="{path}-lazy.png" alt="Karte" width="10" height="10">
<script>
fetch("{path}.json").then((r) => r.json()).then((data) => {{
  document.getElementById("quote").textContent = data.quote;
}});
</script></body></html>""".encode(),
        "text/html; charset=utf-8",
    )
    return server.url(path)


def serve_page_pulling_from(server, other, path="/bezieht") -> str:
    """A page on `server` that pulls every kind of resource from `other`, and redirects there."""
    server.redirects["/umleitung"] = other.url("/umgeleitet.png")
    server.pages[path] = (
        f"""<!doctype html><html><head><meta charset="utf-8"><title>Viele Quellen</title>
<script src="{other.url("/script.js")}"></script>
<link rel="stylesheet" href="{other.url("/style.css")}"></head><body>
<p>Die Stadt veröffentlicht ihre Zahlen jeden Monat.</p>
<img src="{other.url("/bild.png")}" alt="">
<img src="/umleitung" alt="">
<iframe src="{other.url("/rahmen")}" title="Rahmen"></iframe>
<script>
fetch("{other.url("/daten.json")}").catch(() => null);
const request = new XMLHttpRequest(); request.open("GET", "{other.url("/xhr")}"); request.send();
try {{ new WebSocket("{other.url("/socket").replace("http", "ws")}"); }} catch (e) {{}}
if (navigator.serviceWorker) {{ navigator.serviceWorker.register("/sw.js").catch(() => null); }}
</script></body></html>""".encode(),
        "text/html; charset=utf-8",
    )
    return server.url(path)


def serve_quote_after_scrolling(server, path="/weiter-unten") -> str:
    """A page that fetches its quote only once its end is scrolled into view."""
    server.pages[f"{path}.json"] = (json.dumps({"quote": QUOTE}).encode(), "application/json")
    server.pages[path] = (
        f"""<!doctype html><html lang="de"><head><meta charset="utf-8">
<title>Weiter unten</title></head><body><h1>Weiter unten</h1>
<div style="height: 5000px"></div><p id="quote">…</p>
<script>
new IntersectionObserver((seen, observer) => {{
  if (!seen[0].isIntersecting) return;
  observer.disconnect();
  fetch("{path}.json").then((r) => r.json()).then((data) => {{
    document.getElementById("quote").textContent = data.quote;
  }});
}}).observe(document.getElementById("quote"));
</script></body></html>""".encode(),
        "text/html; charset=utf-8",
    )
    return server.url(path)
