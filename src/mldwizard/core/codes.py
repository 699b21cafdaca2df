"""The finding codes of ``mldwizard check``. Stable: never renumber one, only add.

Kept free of imports so the command line can list them without loading the core.
"""

CODES: dict[str, str] = {
    "MLD001": "required questions unanswered",
    "MLD002": "answered step without an owner",
    "MLD003": "answered step with a single owner (bus factor 1)",
    "MLD004": "review overdue",
    "MLD005": "code changed since the step was last updated or reviewed",
    "MLD006": "approved step whose text changed since its approval (or its last review)",
    "MLD007": "the gate says A rule will do, Use an existing model or API, or Do not build this "
    "(computed or overridden), yet ML chapters are being written",
    "MLD008": "feasibility verdict missing (or INCOMPLETE) while later chapters are being written",
    "MLD009": "feasibility is NO-GO while later chapters are being written",
    "MLD010": "owner or named person not among the document's people",
    "MLD011": "changelog author not among the document's people",
    "MLD012": "not a git repository: code drift not checked",
    "MLD013": "shallow clone: code drift computed on the history there is",
    "MLD014": "git could not be read: code drift not checked",
    "MLD015": "the document does not load (invalid TOML, a wrong field, a broken spec)",
    "MLD016": "unsaved copies next to the document: text a session could not save",
    "MLD017": "feasibility gap without an owner, a closing condition or a due date (or a "
    "waiver on a critical item, which counts for nothing)",
    "MLD018": "feasibility gap past its due date",
    "MLD019": "feasibility item Met without evidence (counts as Unknown), evidence naming "
    "no question, or an evidence link that is neither a URL nor a path in the repository",
    "MLD020": "the document's stage is past a stage gate that is not GO or CONDITIONAL (or past "
    "design while feasibility is NO-GO)",
    "MLD021": "stage-gate gap without an owner, a closing condition or a due date",
    "MLD022": "stage-gate gap past its due date",
    "MLD023": "stage-gate item Met without evidence (counts as Unknown)",
    "MLD024": "the stage gate the document faces is NO-GO",
    "MLD025": "the gate's answers contradict each other (a result marked measured with no "
    "labelled data; a rule measured good enough whose fields are said to decide too few cases)",
    "MLD026": "a gate result marked measured states no measured score (a percentage, a metric "
    "with its value, a share such as 12 of 300, a rate, an error or latency with its unit): it "
    "counts as not written, and the verdict does not use it",
    "MLD030": "critical review item Not met or Partial on a step in review or approved",
    "MLD031": "review comment thread still open (with its age)",
    "MLD032": "approved step whose approvals lack the required number or role",
    "MLD040": "with --base: the branch changes code under a step's code paths, yet neither "
    "updates the step nor records a review of it (a review, an approval or an ack)",
    "MLD041": "with --base: the document at the merge base does not load, so the branch's code "
    "changes are not held against its steps",
    "MLD045": "a step's owners and the CODEOWNERS owners of its code have nobody in common",
    "MLD046": "a CODEOWNERS line GitHub skips (invalid syntax), or a CODEOWNERS file not read",
    "MLD050": "the Markdown next to the document (NAME.md) is out of date: not what the TOML "
    "renders now (the TOML changed outside mldwizard, by hand, a merge or a rebase)",
    "MLD051": "the Markdown next to the document (NAME.md) is not its reader's document: the "
    "draft, another document's Markdown, or a file mldwizard did not write",
    "MLD075": "the version one date is before the day the document was started (a typo?)",
    "MLD092": "a review record (an approval, a mark, a comment, a round) by a handle not among "
    "the document's people: such an approval does not count",
    "MLD093": "a review mark or comment on an item id the step's spec does not have",
    "MLD094": "a review record dated in the future, or of a revision the step has not reached "
    "(an approval of such a revision does not count)",
    # The lint for weak answers (wording and severities: chapter_specs/lint/rules.toml).
    "MLD101": "placeholder instead of an answer (TBD, TODO, ???, to be defined, lorem ipsum)",
    "MLD102": "the problem statement names a solution (model, predict, AI, ML, neural...)",
    "MLD103": "a metric, target, budget, cost, measured result or date question answered without "
    "a number, a measured score or a date",
    "MLD104": "a required long answer far shorter than the chapter's other answers",
    "MLD105": "dates in milestones or kill criteria passed without an update",
    "MLD106": "accuracy is the only metric, yet classes are imbalanced or mistakes differ in cost",
    "MLD107": "a person named in an answer is not among the document's people",
    "MLD110": "with --base: review records of the merge base (marks, comments, replies, rounds, "
    "approvals) removed or rewritten without a changelog entry by a person of the document",
    "MLD111": "with --base: a step with answers at the merge base has none now (or is gone)",
    "MLD112": "with --base: a step's updated or reviewed date, or an approval's, changed without "
    "a changelog entry that records it",
    "MLD113": "a date the document records (updated, reviewed, a mark, a comment, an approval, "
    "a changelog entry) lies in the future",
    "MLD114": "a code path that can never match a file of the repository (absolute, or climbing "
    "out with '..')",
    "MLD120": "a lint finding is silenced, but no longer found there (stale silence)",
}
