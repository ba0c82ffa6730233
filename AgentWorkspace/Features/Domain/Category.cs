namespace AgentWorkspace.Features;

/// <summary>The four categories of 表1 问题分类表, plus the fallback that goes to the supervisor.</summary>
public enum Category
{
    Consultation,
    Complaint,
    TechnicalSupport,
    Suggestion,
    Unclassified,
}
