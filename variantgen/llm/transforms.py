"""LLM transforms: φ_c rewrites, φ_s for text-only seeds, solve-back, constructions for pictures.

Each follows the plan/apply split of ``variantgen.transforms``. The *plan* holds the family's
decision — for φ_c the style, the domain, the scenario the model chose and its accepted rewrite
of the seed — and each corner's *apply* rewrites that corner's text in the same scenario, with
the seed's rewrite as the example to follow (DESIGN §1: one φ_c decision per family). Every
model output is checked before it is accepted (givens, units, asked quantity, a sandboxed
program, an independent solver), and a rejected output is sent back with the reasons, up to
``attempts`` times; then the corner fails with the last reasons.

What was accepted is recorded in the provenance (``example``/``accepted``, with the solver's
answer), so ``replay`` and ``variantgen verify`` rebuild the variant without the endpoint.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import sympy

from variantgen.answers import answers_equal, parse_answer
from variantgen.construction import Construction, ConstructionError
from variantgen.knowledge.catalogue import slug
from variantgen.llm import prompts
from variantgen.llm.client import LLMClient, default
from variantgen.llm.errors import CallFailed
from variantgen.llm.sandbox import SandboxError, run_program
from variantgen.llm.validate import rewrite_problems
from variantgen.model import Applied, Check, Problem, SolutionStep
from variantgen.templating import template_hash
from variantgen.text import Given, missing_givens, numbers_in, split_question, stated_measures
from variantgen.transforms.base import Context, NotApplicable, Transform, TransformFailed
from variantgen.transforms.registry import build, register
from variantgen.construction.cache import cached_evaluate

DOMAINS = {
    "real-world": (
        "land surveying",
        "architecture and building",
        "sport and athletics",
        "travel and maps",
        "personal finance and shopping",
        "gardening and landscaping",
        "carpentry and furniture making",
        "sailing and navigation",
        "astronomy",
        "cooking and baking",
        "city planning and transport",
        "manufacturing and engineering",
        "art, design and tiling",
        "a school science experiment",
    ),
    "abstract": (
        "formal hypotheses followed by a goal, in precise mathematical language",
        "a definitions-first statement that names each object before relating them",
        "a concise textbook restatement with the conditions in a different order",
        "the goal stated first, then the conditions that determine it",
    ),
}
STYLES = ("real-world", "abstract", "mixed")


def client_for(ctx: Context) -> LLMClient:
    """The context's client, else the run's default; NotApplicable when no endpoint is set up."""
    client = ctx.llm if isinstance(ctx.llm, LLMClient) else default()
    if client is None:
        raise NotApplicable("no LLM endpoint configured (--llm-base-url)")
    return client


def solve(client: LLMClient, problem: Problem, attempt: int = 0) -> str:
    """An independent solver's final answer to ``problem`` (temperature 0; cached).

    ``attempt`` is part of the cache key: when a rewrite is retried and comes back word for word
    the same, the solver is asked afresh instead of repeating a cached (possibly garbled) answer."""
    messages, digest = prompts.messages("solve", images=(), problem=problem.question)
    try:
        key = f"{digest}#{attempt}" if attempt else digest
        reply = client.complete(messages, template_hash=key, response_format=prompts.SOLVE, temperature=0.0)
    except CallFailed as exc:
        raise TransformFailed(f"solve-back call failed: {exc.reason}") from None
    assert reply.data is not None
    return str(reply.data["answer"]).strip()


def agrees(answer: str, expected: str) -> bool:
    """Does a solver's answer equal the expected one (exactly, or by math-verify)?"""
    try:
        return answers_equal(answer, expected)
    except Exception:  # math-verify or sympy choking on free text is a disagreement, not a crash
        return False


def solve_back_check(solver: str | None, problem: Problem, model: str) -> Check:
    """The recorded solver answer compared with the problem's answer (replayable offline)."""
    if solver is None:
        return Check("solve-back", True, "skipped (--no-solve-back)")
    passed = agrees(solver, problem.answer)
    return Check("solve-back", passed, f"{model} solved the text: {solver} {'=' if passed else '≠'} {problem.answer}")


def _ask(client: LLMClient, task: str, schema: dict[str, Any], **variables: Any) -> dict[str, Any]:
    messages, digest = prompts.messages(task, **variables)
    try:
        reply = client.complete(messages, template_hash=digest, response_format=schema)
    except CallFailed as exc:
        raise TransformFailed(f"LLM {task}: {exc.reason}") from None
    assert reply.data is not None
    return {**reply.data, "_model": reply.model}


def _recorded(transform: Transform, problem: Problem, result: Problem, params: Mapping[str, Any]) -> Problem:
    applied = Applied(transform.name, transform.axis, transform.config(), dict(params), transform.version)
    return result.replace(provenance=problem.provenance + (applied,))


@register
@dataclass
class LLMContext(Transform):
    """φ_c by a language model: a real-world scenario or an abstract/linguistic reformulation.

    ``style`` is ``real-world``, ``abstract`` or ``mixed`` (drawn per family, two real-world for
    one abstract). ``attempts`` bounds the rewrites tried per corner; ``solve_back`` asks an
    independent solver to answer each accepted rewrite."""

    name = "context.llm"
    uses_llm = True
    axis = "c"
    style: str = "mixed"
    solve_back: bool = True
    attempts: int = 3

    def __post_init__(self) -> None:
        if self.style not in STYLES:
            raise ValueError(f"style must be one of {STYLES}, got {self.style!r}")

    def plan(self, problem: Problem, ctx: Context, rng: random.Random) -> dict[str, Any]:
        client = client_for(ctx)
        style = self.style if self.style != "mixed" else rng.choice(("real-world", "real-world", "abstract"))
        domain = rng.choice(DOMAINS[style])
        params: dict[str, Any] = {
            "style": style,
            "domain": domain,
            "template": prompts.template_name("context-rewrite"),
            "template_hash": template_hash(prompts.template_name("context-rewrite")),
            "scenario": None,
            "example": None,
        }
        rewrite = self._rewrite(client, problem, params)
        return {**params, "scenario": rewrite.pop("scenario"), "model": rewrite["model"], "example": rewrite}

    def run(self, problem: Problem, ctx: Context, params: Mapping[str, Any] | None = None) -> Problem:
        """Like Transform.run, but a rewrite made for this corner is recorded with the params."""
        if params is None:
            params = self.plan(problem, ctx, ctx.rng(self.name, problem.id))
        rewrite = self._known(problem, params) or self._rewrite(client_for(ctx), problem, params)
        recorded = dict(params) if rewrite is params["example"] else {**params, "accepted": rewrite}
        return _recorded(self, problem, self._result(problem, rewrite), recorded)

    def apply(self, problem: Problem, params: Mapping[str, Any], ctx: Context) -> Problem:
        return self._result(problem, self._known(problem, params) or self._rewrite(client_for(ctx), problem, params))

    @staticmethod
    def _known(problem: Problem, params: Mapping[str, Any]) -> dict[str, Any] | None:
        """The rewrite already accepted for this exact text (the family's example, or a replay)."""
        for key in ("example", "accepted"):
            rewrite = params.get(key)
            if rewrite and rewrite["source"] == problem.question:
                return rewrite
        return None

    def _rewrite(self, client: LLMClient, problem: Problem, params: Mapping[str, Any]) -> dict[str, Any]:
        """Ask until a rewrite passes every check; TransformFailed with the reasons otherwise."""
        feedback: list[dict[str, Any]] = []
        for attempt in range(self.attempts):
            reply = _ask(
                client,
                "context-rewrite",
                prompts.REWRITE,
                problem=problem.question,
                answer=problem.answer,
                style=params["style"],
                domain=params["domain"],
                scenario=params["scenario"],
                example=params["example"],
                feedback=feedback,
            )
            text = " ".join(reply["question"].split())
            problems = rewrite_problems(problem.question, text, problem.answer)
            solver = None
            if not problems and self.solve_back:
                solver = solve(client, problem.replace(question=text), attempt)
                if not agrees(solver, problem.answer):
                    problems.append(f"a solver reading the rewrite answered {solver}, not {problem.answer}: the problem changed")
            if not problems:
                return {
                    "source": problem.question,
                    "question": text,
                    "scenario": reply["scenario"],
                    "solver": solver,
                    "model": reply["_model"],
                }
            feedback.append({"question": text, "problems": problems})
        raise TransformFailed(f"LLM rewrite rejected {self.attempts} times; last: {'; '.join(feedback[-1]['problems'])}")

    def _result(self, problem: Problem, rewrite: Mapping[str, Any]) -> Problem:
        """The rewritten problem, re-checked (a replayed rewrite is checked just like a new one)."""
        problems = rewrite_problems(problem.question, rewrite["question"], problem.answer)
        if problems:
            raise TransformFailed(f"recorded rewrite fails its checks: {'; '.join(problems)}")
        invariant = Check("invariant", True, "every given, unit and the asked quantity kept; answer unchanged")
        solved = solve_back_check(rewrite.get("solver"), problem, rewrite.get("model", ""))
        return problem.replace(question=rewrite["question"]).checked(invariant, solved)


@register
@dataclass
class LLMStep(Transform):
    """φ_s for seeds without a construction: the model extends the question by one knowledge point
    and writes a sympy program for the new answer, which runs in the sandbox and must agree; the
    program must also give the old answer as ``previous`` (the old result is a real step)."""

    name = "step.llm"
    uses_llm = True
    axis = "s"
    solve_back: bool = True
    attempts: int = 3

    def plan(self, problem: Problem, ctx: Context, rng: random.Random) -> dict[str, Any]:
        if problem.construction is not None:
            raise NotApplicable("the seed has a construction: the step rules extend it")
        if problem.images:
            raise NotApplicable("the seed has a picture but no construction; give it one (construction.llm-vision) first")
        client = client_for(ctx)
        feedback: list[dict[str, Any]] = []
        for attempt in range(self.attempts):
            reply = _ask(
                client,
                "step-extension",
                prompts.STEP,
                problem=problem.question,
                answer=problem.answer,
                knowledge_points=list(problem.knowledge_points),
                feedback=feedback,
            )
            planned = {
                "template": prompts.template_name("step-extension"),
                "template_hash": template_hash(prompts.template_name("step-extension")),
                "source": problem.question,
                "question": " ".join(reply["question"].split()),
                "answer": reply["answer"].strip(),
                "knowledge_point": slug(reply["knowledge_point"]),
                "program": reply["program"],
                "model": reply["_model"],
                "solver": None,
            }
            problems = self._problems(problem, planned)
            if not problems and self.solve_back:
                planned["solver"] = solve(client, problem.replace(question=planned["question"]), attempt)
                if not agrees(planned["solver"], planned["answer"]):
                    problems.append(
                        f"a solver answered {planned['solver']}, not {planned['answer']}: "
                        "the question is ambiguous or the answer wrong"
                    )
            if not problems:
                return planned
            feedback.append({"question": planned["question"], "problems": problems})
        raise TransformFailed(f"LLM step rejected {self.attempts} times; last: {'; '.join(feedback[-1]['problems'])}")

    @staticmethod
    def _problems(problem: Problem, planned: Mapping[str, Any]) -> list[str]:
        """Why a proposed extension is not acceptable (empty when it is)."""
        problems = []
        missing = missing_givens(problem.question, planned["question"])
        if missing:
            problems.append(f"the extended question lost givens of the original: {', '.join(missing)}")
        try:
            parse_answer(planned["answer"])
        except ValueError:
            problems.append(f"the answer {planned['answer']!r} is not a number in exact form")
            return problems
        if agrees(planned["answer"], problem.answer):
            problems.append("the new answer equals the old one: the step asks nothing new")
        try:
            values = run_program(planned["program"], ("answer", "previous"))
        except SandboxError as exc:
            return [*problems, f"the program failed: {exc.reason}"]
        if not agrees(values["answer"].exact, planned["answer"]) and not agrees(values["answer"].decimal, planned["answer"]):
            problems.append(f"the program computes answer = {values['answer'].exact}, not the stated {planned['answer']}")
        previous = values.get("previous")
        if previous is None or not (agrees(previous.exact, problem.answer) or agrees(previous.decimal, problem.answer)):
            shown = previous.exact if previous else "nothing"
            problems.append(f"the program's previous = {shown}, but the original answer is {problem.answer}")
        return problems

    def apply(self, problem: Problem, params: Mapping[str, Any], ctx: Context) -> Problem:
        if problem.question != params["source"]:
            raise TransformFailed("the planned extension was made for another question")
        problems = self._problems(problem, params)
        if problems:
            raise TransformFailed(f"recorded extension fails its checks: {'; '.join(problems)}")
        first = problem.solution or (SolutionStep(problem.question.split(". ")[-1], value=problem.answer),)
        step = SolutionStep(params["question"].split(". ")[-1], params["knowledge_point"], params["answer"])
        extended = problem.replace(question=params["question"], answer=params["answer"], solution=(*first, step))
        program = Check("program", True, f"sandboxed sympy program: previous = {problem.answer}, answer = {params['answer']}")
        return extended.with_knowledge_points(params["knowledge_point"]).checked(
            program, solve_back_check(params["solver"], extended, params["model"])
        )


@register
@dataclass
class SolveBack(Transform):
    """A check as a transform (Python API, no axis): an independent solver must give the answer."""

    name = "check.solve-back"
    uses_llm = True

    def plan(self, problem: Problem, ctx: Context, rng: random.Random) -> dict[str, Any]:
        client = client_for(ctx)
        return {"solver": solve(client, problem), "model": client.config.model}

    def apply(self, problem: Problem, params: Mapping[str, Any], ctx: Context) -> Problem:
        return problem.checked(solve_back_check(params["solver"], problem, params["model"]))


class ProposalRejected(TransformFailed):
    """Every proposed construction failed its checks; ``attempts`` holds each one's problems."""

    def __init__(self, reason: str, attempts: Sequence[Sequence[str]]) -> None:
        super().__init__(reason)
        self.attempts = [list(problems) for problems in attempts]


#: An extra acceptance check of a proposed construction (e.g. GeoGebra draws it and agrees):
#: the problems found, empty when it passes.
ConstructionCheck = Callable[[Construction], list[str]]


def propose_construction(
    client: LLMClient, problem: Problem, attempts: int = 3, check: ConstructionCheck | None = None
) -> dict[str, Any]:
    """Ask a vision-language model for a construction of ``problem``'s picture until one passes
    ``construction_problems`` (and ``check``), feeding each rejection back; the accepted
    proposal as ProposeConstruction's params. ProposalRejected after ``attempts`` rejections,
    TransformFailed when the call itself fails."""
    feedback: list[dict[str, Any]] = []
    for _ in range(attempts):
        reply = _ask(
            client,
            "construction",
            prompts.CONSTRUCTION,
            images=problem.images,
            problem=problem.question,
            answer=problem.answer,
            feedback=feedback,
        )
        proposed = {"commands": list(reply["commands"]), "target": reply["target"]}
        problems = construction_problems(problem, proposed, reply["givens"])
        if not problems and check is not None:
            problems = check(Construction.from_dict(proposed))
        if not problems:
            return {
                "construction": proposed,
                "givens": reply["givens"],
                "model": reply["_model"],
                "template": prompts.template_name("construction"),
            }
        feedback.append({"problems": problems})
    raise ProposalRejected(
        f"proposed constructions rejected {attempts} times; last: {'; '.join(feedback[-1]['problems'])}",
        [attempt["problems"] for attempt in feedback],
    )


@register
@dataclass
class ProposeConstruction(Transform):
    """A vision-language model proposes a GeoGebra construction for a seed that only has a picture.

    Accepted only if the construction evaluates exactly, each given it states has the value it
    claims in the construction and that value is written in the question, every length and angle
    the question states holds in it, and its target equals the seed's answer. No axis: it turns
    picture seeds into construction seeds before expansion (``variantgen propose-constructions``,
    which also has GeoGebra draw each proposal)."""

    name = "construction.llm-vision"
    uses_llm = True
    attempts: int = 3

    def plan(self, problem: Problem, ctx: Context, rng: random.Random) -> dict[str, Any]:
        if problem.construction is not None:
            raise NotApplicable("the seed already has a construction")
        if not problem.images:
            raise NotApplicable("the seed has no picture to read a construction from")
        return propose_construction(client_for(ctx), problem, self.attempts)

    def apply(self, problem: Problem, params: Mapping[str, Any], ctx: Context) -> Problem:
        problems = construction_problems(problem, params["construction"], params["givens"])
        if problems:
            raise TransformFailed(f"recorded construction fails its checks: {'; '.join(problems)}")
        construction = Construction.from_dict(params["construction"])
        detail = f"{construction.target} = {problem.answer}; {len(params['givens'])} stated givens hold in the figure"
        return problem.replace(construction=construction).checked(Check("exact", True, detail))


def _same_value(found: Any, stated: str) -> bool:
    """Is the construction's value ``found`` the value ``stated`` (``5``, ``60°``, ``2*sqrt(3)``)?"""
    try:
        return agrees(stated, str(found)) or answers_equal(found, stated)
    except Exception:  # an unreadable stated value is a mismatch, not a crash
        return False


def construction_problems(problem: Problem, proposed: Mapping[str, Any], givens: Sequence[Mapping[str, str]]) -> list[str]:
    """Why a proposed construction cannot be accepted for ``problem`` (empty when it can).

    It must evaluate; its target must equal the answer; each given the model lists must hold in
    it with a value written in the question; and each length (``AB = 5``) and angle
    (``∠BAC = 60°``) the question itself states must hold in it too, so the givens match the
    question both ways."""
    try:
        construction = Construction.from_dict(dict(proposed))
        value = cached_evaluate(construction).target
    except (ConstructionError, ValueError, TypeError, KeyError) as exc:
        return [f"the construction does not evaluate: {exc}"]
    problems = []
    if not answers_equal(value, problem.answer):
        problems.append(f"its target {construction.target} evaluates to {value}, not the answer {problem.answer}")
    stated = numbers_in(problem.question)
    for given in givens:
        try:
            found = cached_evaluate(Construction(construction.commands, given["expression"])).target
        except (ConstructionError, ValueError, TypeError) as exc:
            problems.append(f"the given {given['expression']} does not evaluate: {exc}")
            continue
        if not _same_value(found, given["value"]):
            problems.append(f"{given['expression']} is {found} in the construction, not {given['value']}")
        if not set(numbers_in(given["value"])) <= set(stated):
            problems.append(f"the given value {given['value']} is not stated in the question")
    if not givens:
        problems.append("list the givens the question states, so they can be checked against the construction")
    parts = split_question(problem.question)
    for measure in stated_measures(parts.stem if parts else problem.question):
        problems += _measure_problems(construction, measure)
    return problems


def _measure_problems(construction: Construction, measure: Given) -> list[str]:
    """A length or angle the question states, checked in the construction (an angle either way round)."""
    points = ",".join(measure.points)
    expression = f"Distance({points})" if measure.kind == "length" else f"Angle({points})"
    try:
        found = cached_evaluate(Construction(construction.commands, expression)).target
    except (ConstructionError, ValueError, TypeError):
        return [f"the question states {measure.text}, but {expression} does not evaluate in the construction"]
    value = measure.shown.split()[0] if measure.kind == "length" else measure.shown
    if _same_value(found, value) or (measure.kind == "angle" and _same_value(2 * sympy.pi - found, value)):
        return []
    return [f"the question states {measure.text}, but {expression} is {found} in the construction"]


@register
class FirstApplicable(Transform):
    """The first of several same-axis transforms that applies: ``FirstApplicable([StepChain(),
    LLMStep()])`` extends figures with the rules and text-only seeds with the model. The chosen
    member records itself in the provenance, so replay needs no knowledge of this wrapper."""

    name = "first-applicable"

    def __init__(self, transforms: Sequence[Transform | Mapping[str, Any]]) -> None:
        self.transforms = tuple(t if isinstance(t, Transform) else build(t["name"], t.get("config")) for t in transforms)
        axes = {t.axis for t in self.transforms}
        if not self.transforms or len(axes) != 1:
            raise ValueError("first-applicable needs transforms that all belong to one axis")
        self.axis = axes.pop()
        self.uses_llm = any(getattr(t, "uses_llm", False) for t in self.transforms)

    def config(self) -> dict[str, Any]:
        return {"transforms": [{"name": t.name, "config": t.config()} for t in self.transforms]}

    def plan(self, problem: Problem, ctx: Context, rng: random.Random) -> dict[str, Any]:
        reasons = []
        for index, transform in enumerate(self.transforms):
            try:
                return {"use": index, "params": transform.plan(problem, ctx, rng)}
            except NotApplicable as exc:
                reasons.append(f"{transform.name}: {exc.reason}")
        raise NotApplicable("; ".join(reasons))

    def run(self, problem: Problem, ctx: Context, params: Mapping[str, Any] | None = None) -> Problem:
        if params is None:
            params = self.plan(problem, ctx, ctx.rng(self.name, problem.id))
        return self.transforms[params["use"]].run(problem, ctx, params["params"])

    def apply(self, problem: Problem, params: Mapping[str, Any], ctx: Context) -> Problem:
        return self.transforms[params["use"]].apply(problem, params["params"], ctx)
