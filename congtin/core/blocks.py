"""StreamField blocks shared by articles and plain pages."""

from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from congtin.targets.blocks import TargetEmbedBlock


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
