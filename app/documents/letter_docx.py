"""The confirmation letter as DOCX, rendered with docxtpl from a template a KB owner can edit in Word or WPS.

The template in the data directory (``templates/confirmation_letter.docx``) wins over the shipped one, so an
owner's edits survive upgrades. Placeholders are checked before rendering: an unknown name or a syntax error is
reported with the template's path and the offending text, never as a half-filled letter.
"""

from __future__ import annotations

import logging
import re
import shutil
from pathlib import Path

from docxtpl import DocxTemplate
from jinja2 import StrictUndefined, TemplateSyntaxError, UndefinedError
from jinja2.exceptions import SecurityError

from app.documents.atomic import atomic_write
from app.documents.errors import LetterTemplateError
from app.documents.letter import PLACEHOLDERS, STEP_KEYS, LetterData
from app.documents.letter_template import TEMPLATE_PATH, build_letter_template
from app.documents.shipped_letter import upgrade_unedited
from app.plain_text import xml_safe_value
from app.templates.isolated import HelperUnavailable, IsolatedRenderError, run_isolated
from app.templates.limits import DOCUMENT_LIMITS, TemplateLimitError
from app.templates.messages import syntax_problem
from app.templates.sandbox import BoundedSandbox

log = logging.getLogger(__name__)

TEMPLATE_NAME = "confirmation_letter.docx"


def template_path(templates_dir: Path | None) -> Path:
    """The owner's editable copy in the data directory (made on first use), or the shipped template."""
    if not TEMPLATE_PATH.exists():
        build_letter_template(TEMPLATE_PATH)
    if templates_dir is None:
        return TEMPLATE_PATH
    user_copy = templates_dir / TEMPLATE_NAME
    if not user_copy.exists():
        user_copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(TEMPLATE_PATH, user_copy)
    else:
        upgrade_unedited(user_copy)
    return user_copy


def _environment() -> BoundedSandbox:
    # Sandboxed and bounded: a template from someone else's file must not reach Python internals nor exhaust the
    # machine. Strict: an unknown placeholder is an error, not an empty string in a letter to a customer.
    return BoundedSandbox(undefined=StrictUndefined, autoescape=True, limits=DOCUMENT_LIMITS)


_BLOCK_ERRORS = ("Unexpected end of template", "Encountered unknown tag")


def _paragraph_texts(template: Path):
    from docx import Document

    document = Document(str(template))
    parts = [document] + [s.header for s in document.sections] + [s.footer for s in document.sections]
    for part in parts:
        yield from (p.text for p in part.paragraphs)
        for table in part.tables:
            for row in table.rows:
                for cell in row.cells:
                    yield from (p.text for p in cell.paragraphs)


# The placeholders that word a letter without a plan differently; a copy an owner edited before they existed prints
# its fixed text (同意以上方案) whatever the request.
PLAN_DEPENDENT = ("确认选项", "联系说明")


def missing_plan_wording(template: Path) -> list[str]:
    """Which of :data:`PLAN_DEPENDENT` the template does not use (an unreadable template is checked elsewhere)."""
    try:
        text = "\n".join(_paragraph_texts(template))
    except Exception:  # not a DOCX: the export itself says so, by name
        return []
    return [name for name in PLAN_DEPENDENT if name not in text]


def _snippet(error: TemplateSyntaxError, template: Path) -> str:
    """The paragraph holding the error, so the owner can find it in Word (docxtpl's line numbers are XML lines)."""
    lines = [line for line in getattr(error, "docx_context", None) or [] if line.strip()]
    if not lines:
        env = _environment()
        try:
            for text in _paragraph_texts(template):
                if "{" not in text:
                    continue
                # docxtpl's row/paragraph tags ({%tr …%}) are plain Jinja tags once it has moved them.
                source = re.sub(r"\{%(tr|tc|p|r) ", "{% ", text)
                try:
                    env.parse(source)
                except TemplateSyntaxError as found:
                    if not found.message or not found.message.startswith(_BLOCK_ERRORS):
                        lines = [text]
                        break
        except Exception:  # the message is still useful without the snippet
            lines = []
    text = " ".join(line.strip() for line in lines)
    return f"，位置在“{text[:160]}”附近" if text else ""


def render_letter_docx(data: LetterData, template: Path, out: Path, *, force: bool = False) -> Path:
    """Fill ``template`` with ``data`` into ``out``, in a helper process with memory and time limits.

    A template is someone's file: whatever it holds, the app gets a :class:`LetterTemplateError` naming it, never a
    hang or an exhausted machine (see ``app/templates/isolated.py``). Without a helper process (a frozen build
    with no interpreter) the letter is rendered here, with the bounded sandbox's own checks.
    """
    # Data saved before imports cleaned control characters may still hold them; DOCX (XML) cannot.
    payload = {"template": str(template), "context": xml_safe_value(data.context())}

    def write(temp: Path) -> None:
        job = {**payload, "out": str(temp)}
        try:
            run_isolated("letter-docx", job)
        except HelperUnavailable as error:
            log.warning("no helper process for the letter (%s); rendering it in this process", error)
            render_letter_in_this_process(job)
        except IsolatedRenderError as error:
            raise LetterTemplateError(f"信函模板 {template}：{error}") from None
        except ValueError as error:  # the helper's LetterTemplateError, passed back as its message
            raise LetterTemplateError(str(error)) from None

    return atomic_write(out, write, force=force)


def check_letter_template(template: Path) -> None:
    """Refuse a template that cannot be read or asks for unknown placeholders (a restore checks its templates)."""
    _open_checked(Path(template), set(PLACEHOLDERS), _environment())


def check_letter_in_this_process(job: dict) -> None:
    """The helper's side of :func:`check_letter_template_isolated`."""
    check_letter_template(Path(job["template"]))


def check_letter_template_isolated(template: Path) -> None:
    """:func:`check_letter_template` in a helper process with memory and time limits; raises LetterTemplateError."""
    try:
        run_isolated("letter-check", {"template": str(template)})
    except HelperUnavailable:
        check_letter_template(template)
    except IsolatedRenderError as error:
        raise LetterTemplateError(f"信函模板 {template}：{error}") from None
    except ValueError as error:
        raise LetterTemplateError(str(error)) from None


def _open_checked(template: Path, known: set[str], env: BoundedSandbox) -> DocxTemplate:
    try:
        document = DocxTemplate(str(template))
        names = document.get_undeclared_template_variables(env)
    except TemplateSyntaxError as error:
        raise LetterTemplateError(
            f"信函模板 {template} 的占位符写法有误：{syntax_problem('', error.lineno, error.message or '')}"
            f"{_snippet(error, template)}"
        ) from None
    except Exception:  # not a DOCX at all (zip/XML error)
        raise LetterTemplateError(f"信函模板 {template} 无法读取：不是有效的 Word（DOCX）文件") from None
    unknown = sorted(set(names) - known)
    if unknown:
        raise LetterTemplateError(
            f"信函模板 {template} 中有不认识的占位符 "
            + "、".join("{{ " + name + " }}" for name in unknown)
            + "；可用的占位符：" + "、".join(PLACEHOLDERS)
        )
    return document


def render_letter_in_this_process(job: dict) -> None:
    """The rendering itself (in the helper): check the placeholders, fill them, save the DOCX to ``job["out"]``."""
    template, context = Path(job["template"]), job["context"]
    env = _environment()
    document = _open_checked(template, set(context), env)
    try:
        document.render(context, env, autoescape=True)
    except UndefinedError as error:
        # An unknown field of a step ({{ 步骤.负 }}) is only found while rendering.
        match = re.search(r"has no attribute '([^']+)'", str(error))
        name = match.group(1) if match else str(error)
        raise LetterTemplateError(
            f"信函模板 {template} 中步骤没有“{name}”这一项；每个步骤有：{'、'.join(STEP_KEYS)}"
        ) from None
    except TemplateSyntaxError as error:
        raise LetterTemplateError(
            f"信函模板 {template} 的占位符写法有误：{syntax_problem('', error.lineno, error.message or '')}"
            f"{_snippet(error, template)}"
        ) from None
    except TemplateLimitError as error:
        raise LetterTemplateError(f"信函模板 {template} 被拒绝：{error}") from None
    except SecurityError as error:
        raise LetterTemplateError(f"信函模板 {template} 含有不安全的表达式，已拒绝（{error}）") from None
    except Exception as error:  # a filter given the wrong type, a failing method, …
        raise LetterTemplateError(f"信函模板 {template} 无法填写：{error}") from None
    document.save(str(job["out"]))

