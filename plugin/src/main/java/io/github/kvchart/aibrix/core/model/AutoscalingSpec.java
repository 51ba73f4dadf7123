package io.github.kvchart.aibrix.core.model;

/**
 * An AIBrix PodAutoscaler for one model (autoscaling.aibrix.ai/v1alpha1), in the fields the real
 * CRD has: scalingStrategy, min/maxReplicas and one pod metric source.
 */
public record AutoscalingSpec(
    boolean enabled,
    String scalingStrategy,
    long minReplicas,
    long maxReplicas,
    String targetMetric,
    String targetValue) {}
