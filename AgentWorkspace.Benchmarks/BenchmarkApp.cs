using AgentWorkspace.Tests.Infrastructure;

namespace AgentWorkspace.Benchmarks;

/// <summary>The app in Production mode for a harness, through the tests' own launcher; warnings and failures echo to stderr.</summary>
internal static class BenchmarkApp
{
    public const string ApiKey = "bench-key";

    /// <param name="environment">
    /// Production, except for harnesses that load the pages' scripts in a browser: the build output
    /// serves static web assets (blazor.web.js, MudBlazor's files) only in Development, where they
    /// are mapped from the project and the package cache; a published app would carry them itself.
    /// </param>
    public static Task<AppProcess> StartAsync(IDictionary<string, string> settings, string environment = "Production", string? databasePath = null)
    {
        var all = new Dictionary<string, string>
        {
            // The harnesses speak plain HTTP on loopback, as a proxy in front of the app would.
            ["Workspace__Security__HttpsRedirection"] = "false",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Hangfire"] = "Warning",
            ["Logging__LogLevel__AgentWorkspace"] = "Information",
        };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }
        var echo = false;
        var continuation = 0;
        return AppProcess.StartAsync(new AppProcessOptions(databasePath ?? Path.Combine(Path.GetTempPath(), $"aw-bench-{Guid.NewGuid():N}.db"), ApiKey)
        {
            Environment = environment,
            Settings = all,
            DeleteDatabaseOnDispose = true,
            StartTimeout = TimeSpan.FromSeconds(180),
            OnOutput = line =>
            {
                // A problem's header line, and its message and exception on the indented lines after it.
                var header = !line.StartsWith(' ');
                if (header)
                {
                    echo = line.StartsWith("warn", StringComparison.Ordinal) || line.StartsWith("fail", StringComparison.Ordinal) || line.StartsWith("crit", StringComparison.Ordinal);
                }
                if (echo && (header || continuation++ < 4))
                {
                    Console.Error.WriteLine("  app: " + line);
                }
                continuation = header ? 0 : continuation;
            },
        });
    }
}
