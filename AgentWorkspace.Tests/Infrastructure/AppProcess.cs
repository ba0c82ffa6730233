using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace AgentWorkspace.Tests.Infrastructure;

/// <summary>What an app process is started with; settings are environment variables (<c>Workspace__…</c>).</summary>
public sealed record AppProcessOptions(string DatabasePath, string ApiKey)
{
    /// <summary>The job storage's own SQLite file, beside the database under a name of its own (harnesses share one folder).</summary>
    public string HangfirePath => Path.ChangeExtension(DatabasePath, ".hangfire.db");

    public string Environment { get; init; } = "Development";
    public string? DemoPassword { get; init; }
    public IDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>Every line the app writes, as it writes it (the benchmarks echo warnings).</summary>
    public Action<string>? OnOutput { get; init; }

    public bool DeleteDatabaseOnDispose { get; init; }

    /// <summary>How long the app may take to answer /health (a loaded CI machine; several nodes wait for each other's migrations).</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(120);
}

/// <summary>
/// The app as its own OS process (dotnet AgentWorkspace.dll) on a free loopback port: the crash
/// test kills it hard, and the benchmarks measure it from outside. One launcher for both, linked
/// into the benchmark project.
/// </summary>
public sealed class AppProcess : IDisposable
{
    private readonly Process _process;
    private readonly AppProcessOptions _options;

    private AppProcess(Process process, Uri address, AppProcessOptions options)
    {
        _process = process;
        _options = options;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>The app's OS process id, for the capacity harness's memory readings.</summary>
    public int ProcessId => _process.Id;

    /// <summary>The SQLite file the app runs on (harnesses add users and rows beside it).</summary>
    public string DatabasePath => _options.DatabasePath;

    /// <summary>The Hangfire.Storage.SQLite file the app keeps its jobs in.</summary>
    public string HangfirePath => _options.HangfirePath;

    /// <summary>What the process wrote, for failure messages.</summary>
    public ConcurrentQueue<string> Log { get; } = new();

    public static async Task<AppProcess> StartAsync(AppProcessOptions options)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var appDir = AppDirectory();
        var start = new ProcessStartInfo("dotnet", [Path.Combine(appDir, "AgentWorkspace.dll"), "--urls", address.ToString()])
        {
            WorkingDirectory = appDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = options.Environment;
        start.Environment["ConnectionStrings__Workspace"] = $"Data Source={options.DatabasePath}";
        start.Environment["ConnectionStrings__Hangfire"] = $"Data Source={options.HangfirePath}";
        start.Environment["Workspace__Ingest__ApiKey"] = options.ApiKey;
        start.Environment["Workspace__Simulator__Enabled"] = "false";
        // Tests and harnesses sign in and post far more often than a person: they must not trip the limits.
        start.Environment["Workspace__Limits__ApiRequestsPerSecond"] = "100000";
        start.Environment["Workspace__Limits__LoginAttemptsPerMinute"] = "100000";
        if (options.DemoPassword is { } password)
        {
            start.Environment["Workspace__Seed__DemoPassword"] = password;
        }
        foreach (var (key, value) in options.Settings)
        {
            start.Environment[key] = value;
        }
        var process = Process.Start(start)!;
        var app = new AppProcess(process, address, options);
        process.OutputDataReceived += (_, e) => app.Received(e.Data);
        process.ErrorDataReceived += (_, e) => app.Received(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = address };
        var deadline = DateTime.UtcNow + options.StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if ((await http.GetAsync("/health")).StatusCode == HttpStatusCode.OK)
                {
                    return app;
                }
            }
            catch (HttpRequestException)
            {
            }
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with {process.ExitCode} before answering /health:\n{string.Join('\n', app.Log.TakeLast(20))}");
            }
            await Task.Delay(200);
        }
        app.Dispose();
        throw new TimeoutException($"The app did not answer /health within {options.StartTimeout.TotalSeconds:0} s:\n{string.Join('\n', app.Log.TakeLast(20))}");
    }

    private void Received(string? line)
    {
        if (line is not null)
        {
            Log.Enqueue(line);
            _options.OnOutput?.Invoke(line);
        }
    }

    /// <summary>SIGKILL: no graceful shutdown, locks and fetched jobs left in the job file, exactly like a crash.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    public HttpClient ApiClient()
    {
        var client = new HttpClient { BaseAddress = Address };
        client.DefaultRequestHeaders.Add("X-Api-Key", _options.ApiKey);
        return client;
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
        if (_options.DeleteDatabaseOnDispose)
        {
            foreach (var file in new[] { _options.DatabasePath, _options.HangfirePath })
            {
                foreach (var suffix in new[] { "", "-wal", "-shm" })
                {
                    try
                    {
                        File.Delete(file + suffix);
                    }
                    catch (IOException)
                    {
                    }
                }
            }
        }
    }

    /// <summary>The app's own build output beside the caller's (same configuration), else the caller's folder.</summary>
    public static string AppDirectory()
    {
        var callerDir = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
        var configDir = Directory.GetParent(callerDir)!;
        var root = configDir.Parent!.Parent!.Parent!.FullName;
        var appDir = Path.Combine(root, "AgentWorkspace", "bin", configDir.Name, Path.GetFileName(callerDir));
        return File.Exists(Path.Combine(appDir, "AgentWorkspace.dll")) ? appDir : callerDir;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
