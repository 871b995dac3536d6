"""Each portal's two-step workflow: "Biên tập" by its editors, "Phê duyệt" by its chiefs."""

from wagtail.models import GroupApprovalTask, Page, Workflow, WorkflowPage, WorkflowTask

from .roles import PortalGroups

EDIT_STEP = "Biên tập"
APPROVE_STEP = "Phê duyệt"


def ensure_task(name: str, *groups) -> GroupApprovalTask:
    task = GroupApprovalTask.objects.filter(name=name).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=name)
        task.groups.set(groups)
    return task


def ensure_portal_workflow(
    name: str, home: Page, groups: PortalGroups, admins
) -> Workflow:
    """The portal's workflow, assigned to its home page and so to every section."""
    existing = WorkflowPage.objects.filter(page=home).select_related("workflow")
    existing = existing.first()
    if existing is not None:
        return existing.workflow
    workflow = Workflow.objects.create(name=f"Duyệt tin - {name}")
    # The installation's administrators may act at every step.
    steps = [
        ensure_task(f"{EDIT_STEP} ({name})", groups.editors, admins),
        ensure_task(f"{APPROVE_STEP} ({name})", groups.chiefs, admins),
    ]
    for order, task in enumerate(steps):
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=order)
    WorkflowPage.objects.create(page=home, workflow=workflow)
    return workflow
