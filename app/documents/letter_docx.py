"""The confirmation letter as DOCX, rendered with docxtpl from a template a KB owner can edit in Word or WPS.

The template in the data directory (``templates/confirmation_letter.docx``) wins over the shipped one, so an
owner's edits survive upgrades. Placeholders are checked before rendering: an unknown name or a syntax error is
reported with the template's path and the offending text, never as a half-filled letter.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from docxtpl import DocxTemplate
from jinja2 import StrictUndefined, TemplateSyntaxError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment

from app.documents.atomic import atomic_write
from app.documents.errors import LetterTemplateError
from app.documents.letter import PLACEHOLDERS, STEP_KEYS, LetterData
from app.documents.letter_template import TEMPLATE_PATH, build_letter_template

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
    return user_copy


def _environment() -> SandboxedEnvironment:
    # Sandboxed: a template from someone else's file must not reach Python internals. Strict: an unknown
    # placeholder is an error, not an empty string in a letter to a customer.
    return SandboxedEnvironment(undefined=StrictUndefined, autoescape=True)


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
    return f" near “{text[:160]}”" if text else ""


def render_letter_docx(data: LetterData, template: Path, out: Path, *, force: bool = False) -> Path:
    context = data.context()
    env = _environment()
    document = None
    try:
        document = DocxTemplate(str(template))
        names = document.get_undeclared_template_variables(env)
    except TemplateSyntaxError as error:
        raise LetterTemplateError(
            f"letter template {template}: syntax error in a placeholder: {error.message}{_snippet(error, template)}"
        ) from None
    except Exception as error:  # not a DOCX at all (zip/XML error)
        raise LetterTemplateError(f"letter template {template} cannot be read: {error}") from None
    unknown = sorted(set(names) - set(context))
    if unknown:
        raise LetterTemplateError(
            f"letter template {template}: unknown placeholder "
            + ", ".join("{{ " + name + " }}" for name in unknown)
            + "; known placeholders: " + ", ".join(PLACEHOLDERS)
        )

    def write(temp: Path) -> None:
        try:
            document.render(context, env, autoescape=True)
        except UndefinedError as error:
            # An unknown field of a step ({{ 步骤.负 }}) is only found while rendering.
            match = re.search(r"has no attribute '([^']+)'", str(error))
            name = match.group(1) if match else str(error)
            raise LetterTemplateError(
                f"letter template {template}: unknown placeholder field {name!r}; "
                f"each step has {', '.join(STEP_KEYS)}"
            ) from None
        except TemplateSyntaxError as error:
            raise LetterTemplateError(
                f"letter template {template}: syntax error in a placeholder: {error.message}{_snippet(error, template)}"
            ) from None
        document.save(str(temp))

    return atomic_write(out, write, force=force)
