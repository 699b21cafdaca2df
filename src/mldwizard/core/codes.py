"""The finding codes of ``mldwizard check``. Stable: never renumber one, only add.

Kept free of imports so the command line can list them without loading the core.
"""

CODES: dict[str, str] = {
    "MLD001": "required questions unanswered",
    "MLD002": "answered step without an owner",
    "MLD003": "answered step with a single owner (bus factor 1)",
    "MLD004": "review overdue",
    "MLD005": "code changed since the step was last updated or reviewed",
    "MLD006": "approved step changed since its review",
    "MLD007": "gate says heuristic, yet ML chapters are being written without an override",
    "MLD008": "feasibility verdict missing (or INCOMPLETE) while later chapters are being written",
    "MLD009": "feasibility is NO-GO while later chapters are being written",
    "MLD010": "owner or named person not among the document's people",
    "MLD011": "changelog author not among the document's people",
    "MLD012": "not a git repository: code drift not checked",
    "MLD013": "shallow clone: code drift computed on the history there is",
    "MLD014": "git could not be read: code drift not checked",
    "MLD015": "the document does not load (invalid TOML, a wrong field, a broken spec)",
    "MLD016": "unsaved copies next to the document: text a session could not save",
    "MLD017": "feasibility gap without an owner, a closing condition or a due date",
    "MLD018": "feasibility gap past its due date",
    "MLD019": "feasibility item Met without evidence (counts as Unknown), or evidence naming "
    "no question",
    "MLD030": "critical review item Not met or Partial on a step in review or approved",
    "MLD031": "review comment thread still open (with its age)",
    "MLD032": "approved step whose approvals lack the required number or role",
}
