"""What each endpoint answers: the OpenAPI schema is generated from these.

No schema has a field for a person's contact data (an asker's or a commenter's name,
e-mail, phone, address, tracking code, IP): what is not declared here cannot leak.
"""

from datetime import date, datetime, time

from ninja import Schema


class Error(Schema):
    loi: str
    error: str


class Section(Schema):
    id: int
    title: str
    url: str
    intro: str
    parent_id: int | None


class ArticleSummary(Schema):
    id: int
    title: str
    date: datetime
    lead: str
    section_id: int | None
    section: str
    tags: list[str]
    url: str


class Article(ArticleSummary):
    author: str
    body_html: str
    last_published_at: datetime | None


class DocumentFile(Schema):
    file_name: str
    url: str
    illustrative: bool


class DocumentSummary(Schema):
    id: int
    title: str
    number: str
    type: str
    type_label: str
    issuer: str
    field: str
    issue_date: date
    effective_date: date | None
    expiry_date: date | None
    status: str
    status_label: str
    summary: str
    url: str


class Document(DocumentSummary):
    signer: str
    note: str
    files: list[DocumentFile]


class ScheduleEntry(Schema):
    id: int
    day: date
    start_time: time
    end_time: time | None
    leaders: str
    content: str
    place: str
    preparation: str
    participants: str
    adjusted_at: datetime | None
    week_id: int
    url: str


class AnswerSummary(Schema):
    id: int
    title: str
    topic: str
    asked_on: date
    department: str
    url: str


class Answer(AnswerSummary):
    question_text: str
    answer: str
    illustrative: bool


class DraftSummary(Schema):
    id: int
    title: str
    consulting_body: str
    opens_at: datetime
    closes_at: datetime
    status: str
    status_label: str
    lead: str
    url: str


class Draft(DraftSummary):
    body_html: str
    report_html: str
    comments_url: str


class Comment(Schema):
    id: int
    draft_id: int
    text: str
    created_at: datetime


class SectionPage(Schema):
    """A page of the list; ``next`` is the address of the following page, or null."""

    items: list[Section]
    next: str | None


class ArticlePage(Schema):
    """A page of the list; ``next`` is the address of the following page, or null."""

    items: list[ArticleSummary]
    next: str | None


class DocumentPage(Schema):
    """A page of the list; ``next`` is the address of the following page, or null."""

    items: list[DocumentSummary]
    next: str | None


class SchedulePage(Schema):
    """A page of the list; ``next`` is the address of the following page, or null."""

    items: list[ScheduleEntry]
    next: str | None


class AnswerPage(Schema):
    """A page of the list; ``next`` is the address of the following page, or null."""

    items: list[AnswerSummary]
    next: str | None


class DraftPage(Schema):
    """A page of the list; ``next`` is the address of the following page, or null."""

    items: list[DraftSummary]
    next: str | None


class CommentPage(Schema):
    """A page of the list; ``next`` is the address of the following page, or null."""

    items: list[Comment]
    next: str | None


class PlanSummary(Schema):
    id: int
    unit: str
    year: int
    theme: str
    resolution_number: str
    resolution_title: str
    resolution_date: date | None
    issuing_body: str
    declared_target_count: int | None
    url: str


class TargetSummary(Schema):
    id: int
    code: str
    title: str
    group: str
    group_label: str
    unit: str
    direction: str
    value: str | None
    value_text: str
    status: str
    status_label: str
    percent: float | None
    url: str


class Plan(PlanSummary):
    year_end_summary: str
    published_target_count: int
    met_target_count: int
    by_status: dict[str, int]
    targets: list[TargetSummary]


class Figure(Schema):
    id: int
    period: str
    period_label: str
    basis: str
    basis_label: str
    value: str | None
    value_text: str
    reported_on: date
    source: str
    source_url: str
    note: str
    illustrative: bool


class Target(TargetSummary):
    plan_id: int
    source_text: str
    figures: list[Figure]


class PlanPage(Schema):
    """A page of the list; ``next`` is the address of the following page, or null."""

    items: list[PlanSummary]
    next: str | None


# --- Budget reports and statistical series (congtin.opendata) ------------------------


class AttachedFile(Schema):
    title: str
    file_name: str
    url: str


class BudgetReportSummary(Schema):
    id: int
    title: str
    year: int
    period: str
    period_label: str
    decision_number: str
    decision_date: date | None
    issuing_body: str
    summary: str
    url: str


class BudgetFigure(Schema):
    """An amount as fixed-point text ("1057.091") and as written in Vietnamese
    ("1.057,091"), in ``unit`` (đồng, triệu đồng, tỷ đồng)."""

    id: int
    item: str
    amount: str | None
    amount_text: str
    unit: str
    unit_label: str
    percent_of_estimate: str | None
    percent_of_estimate_text: str
    note: str


class BudgetReport(BudgetReportSummary):
    note: str
    figures: list[BudgetFigure]
    files: list[AttachedFile]
    csv_url: str


class BudgetReportPage(Schema):
    items: list[BudgetReportSummary]
    next: str | None


class StatisticSeriesSummary(Schema):
    id: int
    title: str
    field: str
    unit: str
    frequency: str
    frequency_label: str
    source: str
    url: str


class StatisticValue(Schema):
    id: int
    year: int
    number: int | None
    period_label: str
    value: str | None
    value_text: str
    note: str


class StatisticSeries(StatisticSeriesSummary):
    description: str
    note: str
    values: list[StatisticValue]
    csv_url: str


class StatisticSeriesPage(Schema):
    items: list[StatisticSeriesSummary]
    next: str | None


# --- Projects, research, planning (congtin.programmes) -------------------------------


class ProjectSummary(Schema):
    """Amounts in whole đồng."""

    id: int
    title: str
    investor: str
    location: str
    total_investment: int | None
    capital_source: str
    capital_source_label: str
    start_year: int
    end_year: int | None
    progress: int
    status: str
    status_label: str
    package_count: int
    url: str


class ProjectDecision(Schema):
    number: str
    issue_date: date | None
    title: str
    document_id: int | None
    document_url: str | None
    file: AttachedFile | None


class BiddingPackage(Schema):
    id: int
    title: str
    selection_method: str
    selection_method_label: str
    value: int | None
    invitation_date: date | None
    opening_date: date | None
    award_date: date | None
    result: str
    result_label: str
    winner: str
    award_value: int | None


class Project(ProjectSummary):
    summary: str
    note: str
    decisions: list[ProjectDecision]
    packages: list[BiddingPackage]


class ProjectPage(Schema):
    items: list[ProjectSummary]
    next: str | None


class ResearchSummary(Schema):
    id: int
    title: str
    code: str
    level: str
    level_label: str
    lead_organisation: str
    start_year: int
    end_year: int | None
    budget: int | None
    status: str
    status_label: str
    url: str


class Research(ResearchSummary):
    summary: str
    results: str
    note: str
    files: list[AttachedFile]


class ResearchPage(Schema):
    items: list[ResearchSummary]
    next: str | None


class PlanningSummary(Schema):
    id: int
    title: str
    kind: str
    kind_label: str
    start_year: int
    end_year: int | None
    approval_number: str
    approval_date: date | None
    approving_body: str
    approval_document_id: int | None
    url: str


class PlanningMap(Schema):
    caption: str
    url: str


class Planning(PlanningSummary):
    approval_document_url: str | None
    summary: str
    note: str
    files: list[AttachedFile]
    maps: list[PlanningMap]


class PlanningPage(Schema):
    items: list[PlanningSummary]
    next: str | None
