
namespace AgentWorkspace.Features.Sla;

/// <summary>
/// One row of seed 001's 响应时间目标 table (优创科技): a channel's first-response target for a
/// consultation and for a complaint. A complaint target is either a duration or working days on the
/// team calendar; the phone's complaint column has its own urgent figure (紧急:2小时内, 非紧急:4小时).
/// Null means the channel sets no target of that kind (face-to-face consultations follow the
/// appointment; self-service is N/A).
/// </summary>
public sealed class ChannelSlaTarget
{
    public int Id { get; set; }
    public Channel Channel { get; set; }
    public double? ConsultationMinutes { get; set; }
    public double? ComplaintMinutes { get; set; }
    public int? ComplaintWorkingDays { get; set; }
    public double? UrgentComplaintMinutes { get; set; }

    public static IEnumerable<ChannelSlaTarget> Defaults() =>
    [
        new() { Channel = Channel.Phone, ConsultationMinutes = 1, UrgentComplaintMinutes = 120, ComplaintMinutes = 240 },
        new() { Channel = Channel.Email, ConsultationMinutes = 240, ComplaintWorkingDays = 1 },
        new() { Channel = Channel.Chat, ConsultationMinutes = 1, ComplaintMinutes = 10 },
        new() { Channel = Channel.Social, ConsultationMinutes = 120, ComplaintMinutes = 240 },
        new() { Channel = Channel.InPerson, ComplaintWorkingDays = 2 },
        new() { Channel = Channel.SelfService },
    ];
}

/// <summary>
/// The team calendar a team lead edits: the zone, the working hours and days, and the holidays on
/// which "1 个工作日" / "2 个工作日" are counted. One row.
/// </summary>
public sealed class TeamCalendar
{
    public int Id { get; set; }
    public string TimeZone { get; set; } = "Asia/Shanghai";
    public TimeOnly WorkStart { get; set; } = new(9, 0);
    public TimeOnly WorkEnd { get; set; } = new(18, 0);

    /// <summary>Working weekdays as digits, 1 = Monday … 7 = Sunday ("12345").</summary>
    public string WorkDays { get; set; } = "12345";

    /// <summary>Holidays as yyyy-MM-dd, one per line.</summary>
    public string Holidays { get; set; } = "";
}
