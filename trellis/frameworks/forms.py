from django import forms

MAX_BYTES = 200_000
TOO_LARGE = "The file is larger than 200 kB; a framework file is a few kilobytes."
NOT_UTF8 = "The file is not UTF-8 text."


class FrameworkUploadForm(forms.Form):
    file = forms.FileField(
        label="Framework file (TOML)",
        help_text="Check it first with `trellis frameworks validate FILE`, or upload it here: "
        "every problem is listed and nothing is stored until the file is valid.",
    )

    def clean_file(self) -> str:
        upload = self.cleaned_data["file"]
        self.filename = str(upload.name or "upload.toml")
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(TOO_LARGE)
        try:
            return str(upload.read().decode("utf-8"))
        except UnicodeDecodeError as exc:
            raise forms.ValidationError(NOT_UTF8) from exc
