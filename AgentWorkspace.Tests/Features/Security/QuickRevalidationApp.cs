using System.Net;
using System.Text.RegularExpressions;
using AgentWorkspace.Features.Accounts;
using AgentWorkspace.Features.Security;
using AgentWorkspace.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AgentWorkspace.Tests.Features.Security;

/// <summary>A host whose sessions are re-checked every second, so a disabled member's cookie stops working within the test.</summary>
public sealed class QuickRevalidationApp() : WorkspaceApp(new Dictionary<string, string?> { ["Workspace:Security:RevalidateEvery"] = "00:00:01" });
