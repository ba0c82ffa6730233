
namespace AgentWorkspace.Features.WeeklyReport;

/// <summary>A compiled week, kept so previous weeks stay readable after templates and tables change.</summary>
public sealed class WeeklyReportRecord
{
    public int Id { get; set; }

    /// <summary>Monday 00:00 of the week in the team's time zone, as an instant.</summary>
    public DateTimeOffset WeekStart { get; set; }
    public DateTimeOffset GeneratedAt { get; set; }
    public string GeneratedBy { get; set; } = "";
    public string Json { get; set; } = "";
}

public sealed record WeeklyReportContent(
    DateTimeOffset WeekStart,
    DateTimeOffset WeekEnd,
    int Conversations,
    IReadOnlyList<CountRow> Topics,
    IReadOnlyList<CountRow> Keywords,
    IReadOnlyList<TemplateGap> TemplateGaps,
    IReadOnlyList<ComplianceRow> ComplianceByCategory);

public sealed record CountRow(string Key, int Count);

/// <summary>A frequent topic without a good template: none, little used, or used with low satisfaction.</summary>
public sealed record TemplateGap(string Topic, int Conversations, string? TemplateName, int TemplateUses, double? SatisfiedShare, string Reason);

public sealed record ComplianceRow(Category Category, int Responded, int WithinSla, double? Share);
