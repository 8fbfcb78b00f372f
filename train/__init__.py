"""GRPO training on variantgen output: rewards, principle-mean advantages, dynamic scheduling."""
