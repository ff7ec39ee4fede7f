from __future__ import annotations

from datetime import datetime

from annotations.formats import html
from annotations.formats.records import RecordError

PAGE = """<html><head><title>Kremlin says talks stalled | Example News</title>
<link rel="canonical" href="https://www.news.example.com/world/talks">
<meta property="og:site_name" content="Example News"><meta name="author" content="Jane Roe">
<meta property="article:published_time" content="2024-03-05T10:00:00Z"></head>
<body><nav>Home | World | Sport</nav><article><h1>Kremlin says talks stalled</h1>
<p>"We are not ready," Dmitry Peskov told reporters on Tuesday, adding that the talks had stalled for now.</p>
<p>The State Department said it was disappointed and called on Moscow to return to the table.</p>
</article><footer>Copyright Example News</footer></body></html>"""


def test_it_extracts_text_and_metadata_without_the_page_furniture():
    [record] = html.decode(PAGE.encode(), name="talks.html")
    assert record.title == "Kremlin says talks stalled"
    assert record.text.startswith('"We are not ready," Dmitry Peskov told reporters')
    assert "Home | World" not in record.text and "Copyright" not in record.text
    assert record.url == "https://www.news.example.com/world/talks"
    assert (record.outlet.name, record.outlet.domain) == ("Example News", "news.example.com")
    assert record.byline == "Jane Roe"
    assert record.published_at == datetime(2024, 3, 5)


def test_a_page_without_an_article_is_an_error():
    [error] = html.decode(b"<html><head><title>Nothing</title></head><body><script>go()</script></body></html>")
    assert isinstance(error, RecordError) and "no article text" in error.message
    [empty] = html.decode(b"   ")
    assert isinstance(empty, RecordError)
