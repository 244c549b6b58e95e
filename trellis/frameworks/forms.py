from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from trellis.core.datafiles import DataFileError, check_size


class FrameworkUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Framework file (TOML)"),
        help_text=_(
            "Check it first with `trellis frameworks validate FILE`, or upload it here: "
            "every problem is listed and nothing is stored until the file is valid."
        ),
    )

    def clean_file(self) -> Any:
        """The file's bytes: the framework loader decodes them and names any fault's line."""
        upload = self.cleaned_data["file"]
        self.filename = str(upload.name or "upload.toml")
        try:
            check_size(upload.size, self.filename, settings.TRELLIS_UPLOAD_MAX_BYTES)
        except DataFileError as exc:
            raise forms.ValidationError(exc.messages()) from None
        return upload.read()
