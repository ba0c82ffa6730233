using System.Globalization;
using System.Text;
using AgentWorkspace.Features.Accounts;
using AgentWorkspace.Features.Conversations;
using AgentWorkspace.Features.Sla;
using AgentWorkspace.Features.WeeklyReport;

namespace AgentWorkspace.Features.WallBoard;

public sealed record ReportQuery(DateOnly From, DateOnly To, Channel? Channel, Category? Category, DateOnly BaselineFrom, DateOnly BaselineTo)
{
    /// <summary>The period before, of the same length, is the default baseline (seed 000: 30 % faster responses).</summary>
    public static ReportQuery Default(DateOnly today) => ForPeriod(today.AddDays(-6), today, null, null);

    public static ReportQuery ForPeriod(DateOnly from, DateOnly to, Channel? channel, Category? category)
    {
        var days = to.DayNumber - from.DayNumber + 1;
        return new(from, to, channel, category, from.AddDays(-days), from.AddDays(-1));
    }

    public string? Validate() =>
        To < From ? "report-range-inverted"
        : To.DayNumber - From.DayNumber > 366 ? "report-range-too-long"
        : BaselineTo < BaselineFrom ? "report-baseline-inverted"
        : null;
}

public sealed record TeamReport(
    ReportQuery Query,
    MetricSet Period,
    MetricSet Baseline,
    double? FirstResponseChange,
    IReadOnlyList<DayMetrics> Days,
    IReadOnlyList<(string Agent, MetricSet Metrics)> Agents,
    IReadOnlyList<(Priority Priority, MetricSet Metrics)> Priorities);

/// <summary>The supervisors' and team leads' report: the board's metrics over any period, by day, agent and priority.</summary>
public sealed class TeamReportBuilder(TeamMetrics metrics, TeamClock clock)
{
    public async Task<TeamReport> BuildAsync(ReportQuery q, CancellationToken ct = default)
    {
        var now = clock.Now;
        var (from, to) = (clock.StartOf(q.From), clock.StartOf(q.To.AddDays(1)));
        var rows = await metrics.RowsAsync(from, to, q.Channel, q.Category, ct);
        var baseline = await metrics.RowsAsync(clock.StartOf(q.BaselineFrom), clock.StartOf(q.BaselineTo.AddDays(1)), q.Channel, q.Category, ct);
        var period = MetricSet.Of(rows, now);
        var before = MetricSet.Of(baseline, now);
        double? change = period.AverageFirstResponse is { } a && before.AverageFirstResponse is { } b && b > TimeSpan.Zero
            ? (a - b) / b
            : null;
        return new TeamReport(
            q,
            period,
            before,
            change,
            metrics.PerDay(rows, from, q.To.DayNumber - q.From.DayNumber + 1, now),
            [.. rows.GroupBy(r => r.Assignee ?? "—").OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, MetricSet.Of([.. g], now)))],
            [.. Enum.GetValues<Priority>().Select(p => (p, MetricSet.Of([.. rows.Where(r => r.Priority == p)], now)))]);
    }

    public static string ToCsv(TeamReport report)
    {
        var csv = new StringBuilder();
        csv.AppendLine("scope,key,conversations,responded,within_sla,compliance,avg_first_response_s,fcr,csat,escalation_rate,classified_10s");
        Line("period", $"{report.Query.From:yyyy-MM-dd}..{report.Query.To:yyyy-MM-dd}", report.Period);
        Line("baseline", $"{report.Query.BaselineFrom:yyyy-MM-dd}..{report.Query.BaselineTo:yyyy-MM-dd}", report.Baseline);
        foreach (var d in report.Days)
        {
            Line("day", d.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), d.Metrics);
        }
        foreach (var (agent, m) in report.Agents)
        {
            Line("agent", agent, m);
        }
        foreach (var (priority, m) in report.Priorities)
        {
            Line("priority", priority.ToString(), m);
        }
        return csv.ToString();

        void Line(string scope, string key, MetricSet m) => csv.AppendLine(CultureInfo.InvariantCulture,
            $"{scope},{Csv.Cell(key)},{m.Conversations},{m.Responded},{m.WithinSla},{F(m.ResponseCompliance)},{m.AverageFirstResponse?.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)},{F(m.FirstContactResolution)},{F(m.Csat)},{F(m.EscalationRate)},{F(m.ClassifiedWithin10s)}");

        static string F(double? v) => v?.ToString("0.000", CultureInfo.InvariantCulture) ?? "";
    }
}

public static class ReportExport
{
    public static void MapReportExport(this WebApplication app) =>
        app.MapGet("/reports/export.csv", async (DateOnly? from, DateOnly? to, Channel? channel, Category? category, TeamReportBuilder builder, TeamClock clock, CancellationToken ct) =>
        {
            var today = clock.Today;
            var q = ReportQuery.ForPeriod(from ?? today.AddDays(-6), to ?? today, channel, category);
            if (q.Validate() is { } error)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["to"] = [error] });
            }
            return Csv.File(TeamReportBuilder.ToCsv(await builder.BuildAsync(q, ct)), $"report-{q.From:yyyyMMdd}-{q.To:yyyyMMdd}.csv");
        }).RequireAuthorization(p => p.RequireRole(Roles.Supervisor, Roles.TeamLead));
}
