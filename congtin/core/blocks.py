"""StreamField blocks shared by articles and plain pages."""

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label="Ảnh")
    caption = blocks.CharBlock(label="Chú thích", required=False, max_length=500)
    alt_text = blocks.CharBlock(
        label="Mô tả ảnh cho người khiếm thị",
        required=False,
        max_length=500,
        help_text="Để trống sẽ dùng chú thích.",
    )

    class Meta:
        icon = "image"
        label = "Ảnh có chú thích"
        template = "blocks/captioned_image.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label="Trích dẫn")
    attribution = blocks.CharBlock(label="Người nói / nguồn", required=False)

    class Meta:
        icon = "openquote"
        label = "Trích dẫn"
        template = "blocks/quote.html"


class TargetEmbedBlock(blocks.StructBlock):
    """A plan summary or one target of the targets app, with its latest figures.

    The block stores the plan and a target code only, naming the plan model by its
    label so core does not import the targets app; the targets app's
    ``target_embed`` template tag reads the figures when the article is rendered,
    so a reader always sees the latest ones.
    """

    plan = SnippetChooserBlock("targets.AnnualPlan", label="Kế hoạch năm")
    target_code = blocks.CharBlock(
        label="Mã chỉ tiêu",
        required=False,
        max_length=20,
        help_text="Ví dụ CT10. Để trống để nhúng tóm tắt cả kế hoạch.",
    )

    class Meta:
        icon = "list-ol"
        label = "Chỉ tiêu chủ yếu (số liệu trực tiếp)"
        template = "blocks/target_embed.html"

    def clean(self, value):
        value = super().clean(value)
        plan, code = value.get("plan"), (value.get("target_code") or "").strip()
        if plan is not None and code and not plan.targets.filter(code=code).exists():
            raise StructBlockValidationError(
                block_errors={
                    "target_code": ValidationError(
                        f"Kế hoạch {plan} không có chỉ tiêu mã “{code}”."
                    )
                }
            )
        return value


class BodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        label="Đoạn văn",
        features=["bold", "italic", "link", "ol", "ul", "h2", "h3"],
        template="blocks/paragraph.html",
    )
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    target = TargetEmbedBlock()

    class Meta:
        label = "Nội dung"
