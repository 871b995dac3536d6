"""The StreamField block that embeds a plan summary or one target in an article.

The block stores the plan and a target code only; figures are read when the article
is rendered, so a reader always sees the latest ones.
"""

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.snippets.blocks import SnippetChooserBlock


class TargetEmbedBlock(blocks.StructBlock):
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
        template = "targets/blocks/target_embed.html"

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

    def get_context(self, value, parent_context=None):
        from .services import plan_rows

        context = super().get_context(value, parent_context=parent_context)
        plan = value.get("plan")
        code = (value.get("target_code") or "").strip()
        context["plan"] = plan
        if plan is not None:
            rows, summary = plan_rows(plan)
            context["summary"] = summary
            context["rows"] = [r for r in rows if r.target.code == code] if code else []
            context["single"] = bool(code)
            context["has_illustrative"] = any(r.illustrative for r in rows)
        return context
