"""Models for the trainer: a pretrained one from a local folder or the hub, or a tiny one built here.

The tiny models (Qwen2 for text, Qwen2-VL for vision-language) are random-initialised from a
config, with a byte-level BPE tokenizer trained on the run's own questions, so that tests, the
example and the benchmark run without downloading anything. They learn nothing useful; they
exercise every code path a real model does (chat template, image tokens, the vision tower).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
from transformers import PreTrainedTokenizerFast, Qwen2VLProcessor
from transformers.models.qwen2_vl.image_processing_pil_qwen2_vl import Qwen2VLImageProcessorPil
from transformers.processing_utils import ProcessorMixin

SPECIAL_TOKENS = [
    "<|endoftext|>",
    "<|im_start|>",
    "<|im_end|>",
    "<|vision_start|>",
    "<|vision_end|>",
    "<|image_pad|>",
    "<|video_pad|>",
]

#: Qwen's chat layout; an image content part becomes Qwen2-VL's image placeholder.
CHAT_TEMPLATE = (
    "{% for m in messages %}<|im_start|>{{ m['role'] }}\n"
    "{% if m['content'] is string %}{{ m['content'] }}{% else %}{% for c in m['content'] %}"
    "{% if c['type'] == 'image' %}<|vision_start|><|image_pad|><|vision_end|>"
    "{% elif c['type'] == 'text' %}{{ c['text'] }}{% endif %}{% endfor %}{% endif %}<|im_end|>\n{% endfor %}"
    "{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}"
)

TINY_KINDS = ("qwen2", "qwen2-vl")


def train_tokenizer(corpus: Iterable[str], vocab_size: int = 512) -> PreTrainedTokenizerFast:
    """A byte-level BPE tokenizer trained on ``corpus``: any text encodes, frequent words merge."""
    tokenizer = Tokenizer(models.BPE())
    tokenizer.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tokenizer.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size, special_tokens=SPECIAL_TOKENS, initial_alphabet=pre_tokenizers.ByteLevel.alphabet()
    )
    tokenizer.train_from_iterator(corpus, trainer)
    return PreTrainedTokenizerFast(
        tokenizer_object=tokenizer,
        eos_token="<|im_end|>",
        pad_token="<|endoftext|>",
        padding_side="left",
        chat_template=CHAT_TEMPLATE,
    )


class ImageTextProcessor(Qwen2VLProcessor):
    """Qwen2-VL's processor without its video half.

    Qwen2VLProcessor insists on a video processor, which needs torchvision; the image processor
    has a PIL backend. The tiny model handles images and text only, so it uses this processor and
    the CPU-only torch build suffices. Real Qwen2/2.5-VL checkpoints load their own processor.
    """

    @classmethod
    def get_attributes(cls) -> list[str]:
        return ["image_processor", "tokenizer"]

    def __init__(self, image_processor: Any = None, tokenizer: Any = None, chat_template: str | None = None, **_: Any) -> None:
        self.image_token, self.video_token = "<|image_pad|>", "<|video_pad|>"
        self.image_token_id = tokenizer.convert_tokens_to_ids(self.image_token)
        self.video_token_id = tokenizer.convert_tokens_to_ids(self.video_token)
        ProcessorMixin.__init__(self, image_processor, tokenizer, chat_template=chat_template)


def build_tiny(
    kind: str,
    corpus: Iterable[str],
    *,
    hidden_size: int = 64,
    layers: int = 2,
    vocab_size: int = 512,
    seed: int = 0,
    intermediate_size: int | None = None,
) -> tuple[Any, Any]:
    """A random-initialised model and its processing class (tokenizer or processor): tiny by default,
    of any size for benchmarks (``hidden_size``, ``layers``, ``intermediate_size``; 2 × hidden by default)."""
    import torch
    from transformers import Qwen2Config, Qwen2ForCausalLM, Qwen2VLConfig, Qwen2VLForConditionalGeneration

    if kind not in TINY_KINDS:
        raise ValueError(f"unknown tiny model {kind!r}; choose one of {', '.join(TINY_KINDS)}")
    tokenizer = train_tokenizer(corpus, vocab_size)
    vocab = tokenizer.get_vocab()
    ids = {"eos_token_id": vocab["<|im_end|>"], "pad_token_id": vocab["<|endoftext|>"], "bos_token_id": None}
    heads = max(2, hidden_size // 32)
    text = {
        "vocab_size": len(tokenizer),
        "hidden_size": hidden_size,
        "intermediate_size": intermediate_size or 2 * hidden_size,
        "num_hidden_layers": layers,
        "num_attention_heads": heads,
        "num_key_value_heads": heads // 2 if heads % 2 == 0 else heads,
        "max_position_embeddings": 2048,
        "tie_word_embeddings": True,
        **ids,
    }
    torch.manual_seed(seed)
    if kind == "qwen2":
        return Qwen2ForCausalLM(Qwen2Config(**text)), tokenizer
    head_dim = hidden_size // heads
    half = head_dim // 2  # multimodal RoPE splits the rotary half into time, height, width sections
    section = [half // 4, (half - half // 4) // 2, half - half // 4 - (half - half // 4) // 2]
    text["rope_parameters"] = {"rope_type": "default", "mrope_section": section, "rope_theta": 10000.0}
    config = Qwen2VLConfig(
        text_config=text,
        vision_config={
            "depth": 1,
            "embed_dim": 32,
            "hidden_size": hidden_size,
            "num_heads": 2,
            "mlp_ratio": 2,
            "patch_size": 14,
            "spatial_merge_size": 2,
            "temporal_patch_size": 2,
        },
        image_token_id=vocab["<|image_pad|>"],
        video_token_id=vocab["<|video_pad|>"],
        vision_start_token_id=vocab["<|vision_start|>"],
        vision_end_token_id=vocab["<|vision_end|>"],
        **ids,
    )
    # Small images keep the tiny model's sequences short: at most 4 merged patches per picture.
    images = Qwen2VLImageProcessorPil(min_pixels=28 * 28, max_pixels=56 * 56)
    return Qwen2VLForConditionalGeneration(config), ImageTextProcessor(images, tokenizer, chat_template=CHAT_TEMPLATE)


def load_pretrained(name_or_path: str, dtype: str = "auto", attn_implementation: str | None = None) -> tuple[Any, Any]:
    """A pretrained causal LM or image-text-to-text model and its processor (VL checkpoints need
    torchvision for their processor, as on any GPU machine with the usual CUDA torch build)."""
    from transformers import AutoConfig, AutoModelForCausalLM, AutoModelForImageTextToText, AutoProcessor

    config = AutoConfig.from_pretrained(name_or_path)
    kwargs: dict[str, Any] = {"dtype": dtype}
    if attn_implementation:
        kwargs["attn_implementation"] = attn_implementation
    vision = hasattr(config, "vision_config")
    loader = AutoModelForImageTextToText if vision else AutoModelForCausalLM
    model = loader.from_pretrained(name_or_path, **kwargs)
    processor = AutoProcessor.from_pretrained(name_or_path, padding_side="left")
    return model, processor
