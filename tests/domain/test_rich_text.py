from csr_console.domain.rich_text import as_html


def test_markup_is_escaped_and_lines_are_kept() -> None:
    assert as_html("<b>urgent</b> & soon\nTask: AC") == "&lt;b&gt;urgent&lt;/b&gt; &amp; soon<br>Task: AC"


def test_nothing_stays_nothing() -> None:
    assert as_html(None) is None
    assert as_html("") == ""
