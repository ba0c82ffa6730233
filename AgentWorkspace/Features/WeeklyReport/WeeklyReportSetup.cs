using System.Globalization;
using System.Text;
using AgentWorkspace.Data;
using AgentWorkspace.Features.Accounts;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace AgentWorkspace.Features.WeeklyReport;

/// <summary>Compiles last week every Monday 01:00 in the team's zone; also run on demand from the page.</summary>
[AutomaticRetry(Attempts = 3)]
public sealed class WeeklyReportJob(WeeklyReportBuilder builder, TeamClock clock)
{
    public const string RecurringId = "weekly-high-frequency-report";

    public Task RunAsync(CancellationToken ct) =>
        builder.CompileAsync(builder.WeekStartOf(clock.Now.AddDays(-7)), "system", ct);
}

public static class WeeklyReportSetup
{
    public static void AddWeeklyReport(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<WeeklyReportBuilder>();
        builder.Services.AddTransient<WeeklyReportJob>();
    }

    public static void MapWeeklyReport(this WebApplication app)
    {
        var clock = app.Services.GetRequiredService<TeamClock>();
        app.Services.GetRequiredService<IRecurringJobManager>().AddOrUpdate<WeeklyReportJob>(
            WeeklyReportJob.RecurringId, j => j.RunAsync(CancellationToken.None), Cron.Weekly(DayOfWeek.Monday, 1),
            new RecurringJobOptions { TimeZone = clock.Zone });

        app.MapGet("/reports/weekly/{id:int}.csv", async (int id, IDbContextFactory<WorkspaceDbContext> dbFactory, CancellationToken ct) =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var record = await db.WeeklyReports.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);
            if (record is null)
            {
                return Results.NotFound();
            }
            return Csv.File(ToCsv(WeeklyReportBuilder.Read(record), clock), $"weekly-report-{clock.ToLocal(record.WeekStart):yyyy-MM-dd}.csv");
        }).RequireAuthorization(p => p.RequireRole(Roles.TeamLead, Roles.Supervisor));
    }

    public static string ToCsv(WeeklyReportContent report, TeamClock clock)
    {
        var csv = new StringBuilder();
        csv.AppendLine(CultureInfo.InvariantCulture, $"section,key,count,template,uses,satisfied_share,reason");
        csv.AppendLine(CultureInfo.InvariantCulture, $"week,{clock.ToLocal(report.WeekStart):yyyy-MM-dd},{report.Conversations},,,,");
        foreach (var t in report.Topics)
        {
            csv.AppendLine(CultureInfo.InvariantCulture, $"topic,{Csv.Cell(t.Key)},{t.Count},,,,");
        }
        foreach (var k in report.Keywords)
        {
            csv.AppendLine(CultureInfo.InvariantCulture, $"keyword,{Csv.Cell(k.Key)},{k.Count},,,,");
        }
        foreach (var g in report.TemplateGaps)
        {
            csv.AppendLine(CultureInfo.InvariantCulture, $"template-gap,{Csv.Cell(g.Topic)},{g.Conversations},{Csv.Cell(g.TemplateName ?? "")},{g.TemplateUses},{g.SatisfiedShare?.ToString("0.00", CultureInfo.InvariantCulture)},{g.Reason}");
        }
        foreach (var c in report.ComplianceByCategory)
        {
            csv.AppendLine(CultureInfo.InvariantCulture, $"compliance,{c.Category},{c.Responded},,{c.WithinSla},{c.Share?.ToString("0.00", CultureInfo.InvariantCulture)},");
        }
        return csv.ToString();
    }
}
