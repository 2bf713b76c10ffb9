"""flowcite's own input errors: one clear line naming the file and the problem."""

from __future__ import annotations


class InputError(Exception):
    """A file flowcite cannot read as an article. ``str()`` is the one-line message."""

    template = "{file}: {problem}"

    def __init__(self, file: str, problem: str) -> None:
        self.file = file
        self.problem = problem
        super().__init__(self.template.format(file=file, problem=problem))


class EmptyFileError(InputError):
    def __init__(self, file: str) -> None:
        super().__init__(file, "the file is empty")


class BinaryFileError(InputError):
    def __init__(self, file: str) -> None:
        super().__init__(file, "the file is binary, not text (it contains NUL bytes)")


class UndecodableFileError(InputError):
    def __init__(self, file: str, detail: str) -> None:
        super().__init__(file, f"the file is not valid UTF-8 text ({detail})")


class UnsupportedTypeError(InputError):
    def __init__(self, file: str, suffix: str) -> None:
        super().__init__(file, f"unsupported file type {suffix or '(none)'!r}; expected .txt, .md, .html or .htm")


class FileTooLargeError(InputError):
    def __init__(self, file: str, size: int, limit: int) -> None:
        super().__init__(file, f"the file is {size:,} bytes, over the {limit:,}-byte limit")


class NoArticleTextError(InputError):
    def __init__(self, file: str) -> None:
        super().__init__(file, "no article text found (empty body or no paragraphs)")


class MalformedFrontMatterError(InputError):
    def __init__(self, file: str, detail: str) -> None:
        super().__init__(file, f"malformed YAML front matter ({detail})")


class TextTooLongError(InputError):
    def __init__(self, file: str, chars: int, limit: int) -> None:
        super().__init__(file, f"the article's text is {chars:,} characters, over the {limit:,} one article may "
                               "hold; split it into its articles")


class TooManyFiguresError(InputError):
    def __init__(self, file: str, count: int, limit: int) -> None:
        super().__init__(file, f"the text holds {count:,} figures, over the {limit:,} one article may hold: "
                               "a table or a generated file, not an article")


class TimeLimitError(InputError):
    def __init__(self, file: str, seconds: float) -> None:
        super().__init__(file, f"extraction took over {seconds:g} s, the limit per article (FLOWCITE_TIME_LIMIT); "
                               "skipped, the other articles go on")


class TooManyElementsError(InputError):
    def __init__(self, file: str, count: int, limit: int) -> None:
        super().__init__(file, f"the page has {count:,} HTML elements, over the {limit:,} a page may have")
