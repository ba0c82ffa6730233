using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace AgentWorkspace.Benchmarks;

/// <summary>Starts the built app (Release beside this harness) on a free loopback port with the given settings.</summary>
internal sealed class AppLauncher : IDisposable
{
    public const string ApiKey = "bench-key";

    private readonly Process _process;
    private readonly string _database;

    private AppLauncher(Process process, Uri address, string database)
    {
        _process = process;
        Address = address;
        _database = database;
    }

    public Uri Address { get; }

    public static async Task<AppLauncher> StartAsync(IDictionary<string, string> settings)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var address = new Uri($"http://127.0.0.1:{port}");
        var database = Path.Combine(Path.GetTempPath(), $"aw-bench-{Guid.NewGuid():N}.db");
        var dll = Path.Combine(AppContext.BaseDirectory, "AgentWorkspace.dll");
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", address.ToString()])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__Workspace"] = $"Data Source={database}";
        start.Environment["Workspace__Ingest__ApiKey"] = ApiKey;
        start.Environment["Workspace__Simulator__Enabled"] = "false";
        // Plain HTTP on loopback, and the harnesses post far faster than one connector should.
        start.Environment["Workspace__Security__HttpsRedirection"] = "false";
        start.Environment["Workspace__Limits__ApiRequestsPerSecond"] = "1000000";
        start.Environment["Workspace__Limits__LoginAttemptsPerMinute"] = "100000";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__Hangfire"] = "Warning";
        start.Environment["Logging__LogLevel__AgentWorkspace"] = "Information";
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is { } line && (line.StartsWith("warn") || line.StartsWith("fail"))) Console.Error.WriteLine("  app: " + line); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine("  app: " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient { BaseAddress = address };
        for (var i = 0; i < 300; i++)
        {
            try
            {
                if ((await http.GetAsync("/health")).IsSuccessStatusCode)
                {
                    return new AppLauncher(process, address, database);
                }
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(200);
        }
        process.Kill(true);
        throw new TimeoutException("The app did not start.");
    }

    public HttpClient Client()
    {
        var client = new HttpClient { BaseAddress = Address };
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        return client;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(true);
            _process.WaitForExit(10_000);
        }
        _process.Dispose();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            try
            {
                File.Delete(_database + suffix);
            }
            catch (IOException)
            {
            }
        }
    }
}

internal static class Percentiles
{
    public static double Of(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
}
