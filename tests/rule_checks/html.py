"""html.toml: a tag or class word removes its element's text, a content word picks the
container, an inline tag is dropped when a page nests too deep, a meta name fills metadata.

Each check also runs a control page where the rule's tag or word is replaced by a neutral one:
the example must behave differently there, so an example passes because of its rule, not
because of some other rule."""
import re

from docextract.load import load_bytes

NOTICE = ("<p>各乡镇人民政府：为做好今年防汛工作，现就有关事项通知如下。</p>"
          "<p>一、加强值班值守。各乡镇要在五月底前完成防汛预案修订。</p>")
HEAVY = "<div><p>" + "本站其他栏目文字内容较长用于比较权重" * 8 + "</p></div>"


def _text(page: str) -> str:
    return load_bytes(page.encode("utf-8"), "page.html").text


def _runs(fragment: str) -> list[str]:
    """The runs of CJK text in a fragment."""
    return re.findall(r"[\u4e00-\u9fff]+", re.sub(r"<[^>]*>", " ", fragment))


def _in_content(fragment: str) -> str:
    return f'<html><body><div class="content">{NOTICE}{fragment}</div></body></html>'


def _gone(fragment: str) -> bool:
    text = _text(_in_content(fragment))
    return "各乡镇人民政府" in text and not any(run in text for run in _runs(fragment))


def tag_drops_its_text(tag, fragment):
    control = re.sub(rf"(</?){re.escape(tag)}\b", r"\1div", fragment)
    return _gone(fragment) and not _gone(control)


def class_word_drops_its_text(word, fragment):
    control = re.sub(r'(class|id)="[^"]*"', r'\1="plain"', fragment)
    return _gone(fragment) and not _gone(control)


def hidden_style_drops_its_text(style, fragment):
    control = re.sub(r'style="[^"]*"', 'style="color:red"', fragment)
    return _gone(fragment) and not _gone(control)


def content_word_names_the_container(word, fragment):
    def picked(piece):
        text = _text(f"<html><body>{HEAVY}{piece}</body></html>")
        return all(run in text for run in _runs(piece)) and "本站其他栏目" not in text

    control = re.sub(r'(class|id)="[^"]*"', r'\1="plain"', fragment)
    return picked(fragment) and not picked(control)


UNCLOSED = 3000   # past libxml2's nesting limit even with huge_tree (2048)


def inline_tag_unclosed_keeps_the_body(tag, opening):
    from docextract.load.html import _parse

    paragraphs = "".join(f"{opening}第{i}段文字内容。<br>" for i in range(UNCLOSED))
    page = f"<html><body><div>{paragraphs}<p>结尾段落</p></div></body></html>"
    loaded = load_bytes(page.encode(), "p.html")
    too_deep_for_the_parser = _parse(page)[1] is not None
    return too_deep_for_the_parser and loaded.status == "ok" and f"第{UNCLOSED - 1}段文字内容" in loaded.text \
        and "结尾段落" in loaded.text


def meta_name_fills_metadata(name, tag):
    from docextract.rules import load_rules

    key = load_rules("html")["meta_names"][name]
    content = re.search(r'content="([^"]*)"', tag).group(1)
    page = f"<html><head>{tag}</head><body><div>{NOTICE}</div></body></html>"
    value = load_bytes(page.encode(), "p.html").metadata.get(key)
    return value is not None and (value == content or key == "published" and value == content[:10])


CHECKS = {
    "never_text_tags": tag_drops_its_text,
    "furniture_tags": tag_drops_its_text,
    "junk_class_words": class_word_drops_its_text,
    "hidden_styles": hidden_style_drops_its_text,
    "content_class_words": content_word_names_the_container,
    "inline_tags": inline_tag_unclosed_keeps_the_body,
    "meta_names": meta_name_fills_metadata,
}
