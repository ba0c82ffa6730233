using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AgentWorkspace.Components;

/// <summary>
/// /health names each part it checked (database, job storage, Redis when configured) and its state,
/// so an operator or a load balancer sees which one is down; exceptions stay in the log, not the answer.
/// </summary>
internal static class HealthReportWriter
{
    public static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        return http.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        }));
    }
}
