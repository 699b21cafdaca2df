"""The question ids of question set v1 (schema 1), per step: data, not rules.

Generated once from ``chapter_specs/`` at commit a0cdd01, the last commit of question set
v1, and never edited: ``check`` reads it to tell a question that is new in question set v2
(which a chapter reviewed before the upgrade could not have answered) from one an author
skipped. Each step also had its free ``notes``; the feasibility checklist's entry also
holds the ids of its items, which ``check`` counts like questions.
"""

from __future__ import annotations

V1_QUESTIONS: dict[str, frozenset[str]] = {
    "baseline": frozenset(
        {
            "constant_baseline",
            "constant_score",
            "heuristic_baseline",
            "heuristic_score",
            "simple_model",
            "simple_model_score",
            "effort_vs_gain",
            "fallback_baseline",
            "fallback_behaviour",
            "baseline_decision",
            "notes",
        }
    ),
    "datasets": frozenset(
        {
            "data_sources",
            "label_sources",
            "labeling_process",
            "label_quality",
            "labeled_examples",
            "data_volume",
            "cold_start",
            "etl_filtering",
            "metadata",
            "privacy_legal",
            "freshness_versioning",
            "quality_checks",
            "notes",
        }
    ),
    "design-document": frozenset(
        {
            "goals",
            "anti_goals",
            "wants_vs_needs",
            "reviewers",
            "approver",
            "doc_location",
            "review_cadence",
            "assumptions",
            "kill_criteria",
            "kill_review_date",
            "notes",
        }
    ),
    "error-analysis": frozenset(
        {
            "learning_curves",
            "bottleneck",
            "residual_analysis",
            "worst_cases",
            "label_error_share_percent",
            "best_cases",
            "segments",
            "corner_cases",
            "next_iteration",
            "analysis_routine",
            "notes",
        }
    ),
    "essentials": frozenset(
        {
            "summary",
            "team",
            "decision_owner",
            "stakeholders",
            "v1_date",
            "milestones",
            "principles",
            "principles_in_practice",
            "definition_of_done",
            "status_updates",
            "notes",
        }
    ),
    "feasibility": frozenset(  # its questions, and the ids of its items
        {
            "notes",
            "problem_confirmed",
            "value_over_cost",
            "metric_tied_to_business",
            "labelled_data",
            "data_allowed",
            "data_quality_known",
            "baseline_exists",
            "budgets_plausible",
            "fallback_exists",
            "mistake_cost_contained",
            "team_skills",
            "timeline_realistic",
            "decision_owner",
        }
    ),
    "features": frozenset(
        {
            "candidate_features",
            "feature_bar",
            "importance_methods",
            "selection",
            "interpretability",
            "explanation_consumers",
            "excluded_features",
            "online_offline_skew",
            "precomputation",
            "versioning",
            "notes",
        }
    ),
    "gate": frozenset(
        {
            "expert_rule",
            "patterns",
            "stability",
            "input_type",
            "labelled_data",
            "explanation",
            "gain_needed",
            "heuristic_tried",
            "heuristic_result",
            "notes",
        }
    ),
    "integration": frozenset(
        {
            "api_contract",
            "api_versioning",
            "release_stages",
            "release_plan",
            "human_review",
            "ci_checks",
            "prediction_logging",
            "incident_process",
            "compliance",
            "fallback_chain",
            "fallback_drills",
            "overrides",
            "notes",
        }
    ),
    "metrics": frozenset(
        {
            "business_metric",
            "online_metrics",
            "offline_metrics",
            "offline_online_link",
            "metric_hierarchy",
            "loss_function",
            "scores_used_as_probabilities",
            "calibration_check",
            "guardrail_metrics",
            "target_values",
            "metric_gaming",
            "notes",
        }
    ),
    "monitoring": frozenset(
        {
            "software_health",
            "data_quality",
            "label_delay_days",
            "model_quality",
            "drift",
            "business_kpis",
            "alert_thresholds",
            "oncall_rotation",
            "paging_policy",
            "alert_fallbacks",
            "retraining_triggers",
            "notes",
        }
    ),
    "ownership": frozenset(
        {
            "system_owner",
            "raci",
            "bus_factor",
            "single_points",
            "cross_training",
            "documentation",
            "doc_update_policy",
            "model_update_policy",
            "change_communication",
            "maintenance_hours",
            "complexity_cost",
            "notes",
        }
    ),
    "problem": frozenset(
        {
            "problem_statement",
            "current_process",
            "problem_cost",
            "root_cause",
            "oracle_solution",
            "inputs_outputs",
            "robustness_vs_correctness",
            "costlier_error",
            "cost_of_mistake",
            "risks",
            "non_functional_requirements",
            "notes",
        }
    ),
    "reporting": frozenset(
        {
            "hypotheses",
            "offline_proxies",
            "experiment_design",
            "no_test_alternative",
            "split_unit",
            "success_criterion",
            "mde_percent",
            "planned_duration_days",
            "control_metrics",
            "auxiliary_metrics",
            "stopping_rules",
            "reporting",
            "notes",
        }
    ),
    "research": frozenset(
        {
            "internal_solutions",
            "external_solutions",
            "build_or_buy",
            "build_vs_buy_reasoning",
            "third_party_components",
            "decomposition",
            "innovation_level",
            "innovation_evidence",
            "open_questions",
            "notes",
        }
    ),
    "serving": frozenset(
        {
            "serving_mode",
            "serving_mode_reason",
            "batch_schedule",
            "latency_p99_ms",
            "latency_breakdown",
            "throughput_peak_rps",
            "cost",
            "platform",
            "batching_caching",
            "routing",
            "compression_runtime",
            "load_testing",
            "notes",
        }
    ),
    "training-pipeline": frozenset(
        {
            "pipeline_steps",
            "tools",
            "run_triggers",
            "retrain_interval_days",
            "scaling",
            "full_run_hours",
            "configuration",
            "experiment_tracking",
            "reproducibility",
            "pipeline_tests",
            "packaging_and_promotion",
            "notes",
        }
    ),
    "validation": frozenset(
        {
            "split_unit",
            "split_scheme",
            "split_details",
            "time_windows",
            "time_gap_days",
            "leakage_risks",
            "leakage_checks",
            "final_test_set",
            "split_updates",
            "test_set_size",
            "evaluation_trust",
            "notes",
        }
    ),
}
