using AgentWorkspace.Components;
using AgentWorkspace.Data;
using AgentWorkspace.Features;
using AgentWorkspace.Features.Accounts;
using AgentWorkspace.Features.Alerts;
using AgentWorkspace.Features.Assignment;
using AgentWorkspace.Features.Chat;
using AgentWorkspace.Features.Classification;
using AgentWorkspace.Features.Conversations;
using AgentWorkspace.Features.Escalations;
using AgentWorkspace.Features.Operations;
using AgentWorkspace.Features.Queue;
using AgentWorkspace.Features.Search;
using AgentWorkspace.Features.Security;
using AgentWorkspace.Features.Simulator;
using AgentWorkspace.Features.Sla;
using AgentWorkspace.Features.Templates;
using AgentWorkspace.Features.WallBoard;
using AgentWorkspace.Features.WeeklyReport;
using AgentWorkspace.Realtime;

// backup / restore run instead of the web host (Features/Operations).
if (await OperationsCommands.TryRunAsync(args))
{
    return;
}

var builder = WebApplication.CreateBuilder(args);

builder.AddWorkspaceCore();
builder.AddData();
builder.AddAccounts();
builder.AddRealtime();
builder.AddClassification();
builder.AddSla();
builder.AddConversations();
builder.AddAssignment();
builder.AddQueue();
builder.AddTemplates();
builder.AddEscalations();
builder.AddSimulator();
builder.AddChat();
builder.AddWeeklyReport();
builder.AddWallBoard();
builder.AddSearch();
builder.AddAlerts();
builder.AddShell();
builder.AddSecurity();

var app = builder.Build();

await app.InitializeDataAsync();
app.UseSecurityHeaders();
app.UseShell();
app.UseSecurity();
app.UseChatIdentity();
app.MapAccounts();
app.MapRealtime();
app.MapClassification();
app.MapConversations();
app.MapEscalations();
app.MapWeeklyReport();
app.MapWallBoard();
app.MapShell<App>();

app.Run();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
