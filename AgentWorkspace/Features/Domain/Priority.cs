namespace AgentWorkspace.Features;

/// <summary>表2 优先级标准表. Declared most urgent first so that a lower value means more urgent.</summary>
public enum Priority
{
    Urgent,
    High,
    Medium,
    Low,
}
