"""Answer extraction, accuracy and format rewards, and the principle-mean reward (hand-computed)."""

from __future__ import annotations

import pytest

torch = pytest.importorskip("torch")
pytest.importorskip("trl")

from variantgen.answers import extract_answer  # noqa: E402
from variantgen.train.principle import grouped_advantages, principle_advantages, principle_mean_rewards  # noqa: E402
from variantgen.train.rewards import accuracy_reward, format_reward, make_reward, tags_reward  # noqa: E402


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        ("<think>a</think><answer>7</answer>", "7"),
        ("so \\boxed{\\frac{1}{2}} done", "\\frac{1}{2}"),
        ("<answer>the value is \\boxed{2\\sqrt{3}}</answer>", "2\\sqrt{3}"),
        ("<answer>1</answer> then <answer> 60° </answer>", "60°"),
        ("no answer here", None),
        ("<answer>  </answer>", None),
    ],
)
def test_extract_answer(text: str, answer: str | None) -> None:
    assert extract_answer(text) == answer


def test_accuracy_uses_math_verify_and_the_exact_comparator() -> None:
    completions = [
        [{"role": "assistant", "content": "<answer>\\frac{7}{2}</answer>"}],  # LaTeX vs 7/2
        [{"role": "assistant", "content": "<answer>2√3</answer>"}],  # variantgen notation vs sqrt(12)
        [{"role": "assistant", "content": "\\boxed{4}"}],
        "<answer>60°</answer>",  # plain-text completions too
        [{"role": "assistant", "content": "<answer>garbage ((</answer>"}],
    ]
    rewards = accuracy_reward(completions, solution=["7/2", "sqrt(12)", "5", "pi/3", "3"])
    assert rewards == [1.0, 1.0, 0.0, 1.0, 0.0]


def test_a_multiple_choice_answer_may_name_its_letter() -> None:
    completions = [
        "<answer>B</answer>",
        "<answer>(B)</answer>",
        "<answer>70°</answer>",
        "<answer>C</answer>",
        "<answer>B</answer>",
    ]
    rewards = accuracy_reward(completions, solution=["70°"] * 5, choice=["B", "B", "B", "B", ""])
    assert rewards == [1.0, 1.0, 1.0, 0.0, 0.0]  # the last question lists no options


def test_format_reward() -> None:
    assert format_reward(["<think>x</think>\n<answer>1</answer>", "<answer>1</answer>", "<think>x</think><answer>1"]) == [
        1.0,
        0.0,
        0.0,
    ]


def test_tags_reward_gives_a_quarter_per_tag_occurring_once() -> None:
    completions = [
        "<think>x</think><answer>1</answer>",
        "<think>x</think> 1",
        "<answer>1</answer><answer>2</answer>",  # repeated tags earn nothing
        [{"role": "assistant", "content": "so <think> and </answer>"}],
        "nothing",
    ]
    assert tags_reward(completions) == [1.0, 0.5, 0.0, 0.5, 0.0]


def test_length_reward_is_dapo_soft_overlong_shifted_to_unit_range() -> None:
    reward = make_reward("length", max_completion_length=8, length_buffer=4)
    assert reward.__name__ == "length"
    lengths = range(9)
    values = reward(completions=["x"] * 9, completion_ids=[[7] * n for n in lengths])
    # 1.0 up to L − B = 4 tokens, then (L − n) / B down to 0.0 at L = 8 (a cut-off completion).
    assert values == [1.0, 1.0, 1.0, 1.0, 1.0, 0.75, 0.5, 0.25, 0.0]
    default = make_reward("length", max_completion_length=32)  # buffer L/4 = 8
    assert default(completions=["x"] * 3, completion_ids=[[1] * 24, [1] * 28, [1] * 32]) == [1.0, 0.5, 0.0]
    assert make_reward("format", 32) is format_reward
    with pytest.raises(ValueError, match="unknown reward"):
        make_reward("speed", 32)


def test_principle_advantages_by_hand() -> None:
    # Principle P: a = [1, 0, 0, 1], b = [0, 0, 1, 0] → rank means m = 1, .5, 0, 0:
    # mean_j m = .375, std_j m (sample) = sqrt(.6875 / 3). a's aligned rewards are .75, 0, 0, .75.
    rewards = torch.tensor([1.0, 0, 0, 1, 0, 0, 1, 0, 1, 1, 0, 0])
    advantages = principle_advantages(rewards, ["P", "P", "Q"], 4)
    std = (0.6875 / 3) ** 0.5
    a = [(0.75 - 0.375) / (std + 1e-4), (0 - 0.375) / (std + 1e-4)]
    b = [(1 - 0.375) / (std + 1e-4), (1 / 6 - 0.375) / (std + 1e-4)]
    expected = torch.tensor([a[0], a[1], a[1], a[0], b[1], b[1], b[0], b[1]])
    assert torch.allclose(advantages[:8], expected, atol=1e-5)
    # The problem's own std of its aligned rewards would differ (ties shrink it): not the formula.
    assert not torch.allclose(advantages[:8], grouped_advantages(principle_mean_rewards(rewards, ["P", "P", "Q"], 4), 4)[:8])
    # A principle of one problem is plain GRPO; unscaled, only the baseline is subtracted.
    assert torch.allclose(advantages[8:], grouped_advantages(rewards, 4)[8:])
    unscaled = principle_advantages(rewards, ["P", "P", "Q"], 4, "none")
    assert torch.allclose(unscaled[:4], torch.tensor([0.375, -0.375, -0.375, 0.375]))


def test_principle_mean_by_hand() -> None:
    # Principle P: problems a = [1, 0, 0, 1] and b = [0, 0, 1, 0]; principle Q: c = [1, 1, 0, 0] alone.
    rewards = torch.tensor([1.0, 0, 0, 1, 0, 0, 1, 0, 1, 1, 0, 0])
    aligned = principle_mean_rewards(rewards, ["P", "P", "Q"], 4)
    # P sorted: a = 1 1 0 0, b = 1 0 0 0 → rank means m = 1, .5, 0, 0.
    # a: the two 1s tie over ranks 1-2 → (1 + .5) / 2 = .75; the 0s over ranks 3-4 → 0.
    # b: the 1 takes rank 1 → 1; the three 0s tie over ranks 2-4 → .5 / 3.
    expected = torch.tensor([0.75, 0, 0, 0.75, 1 / 6, 1 / 6, 1, 1 / 6, 1, 1, 0, 0])
    assert torch.allclose(aligned, expected)
    advantages = grouped_advantages(aligned, 4, "none")
    assert torch.allclose(advantages[:4], torch.tensor([0.375, -0.375, -0.375, 0.375]))
    # A principle of one problem is plain GRPO.
    assert torch.allclose(grouped_advantages(aligned, 4)[8:], grouped_advantages(rewards, 4)[8:])


def test_principle_mean_is_order_invariant_and_keeps_nan() -> None:
    rewards = torch.tensor([0.2, 0.9, 0.5, float("nan"), 0.1, 0.3])
    aligned = principle_mean_rewards(rewards, ["k", "k"], 3)
    permuted = principle_mean_rewards(rewards[[2, 0, 1, 5, 3, 4]], ["k", "k"], 3)
    assert torch.allclose(aligned[[2, 0, 1, 5, 3, 4]], permuted, equal_nan=True)
    assert torch.isnan(aligned[3]) and grouped_advantages(aligned, 3)[3] == 0
