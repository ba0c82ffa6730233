using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace AgentWorkspace.Tests.Infrastructure;

/// <summary>The app as its own OS process (dotnet AgentWorkspace.dll), so a test can kill it hard.</summary>
public sealed class AppProcess : IDisposable
{
    private readonly Process _process;

    private AppProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>What the process wrote, for failure messages.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Log { get; private init; } = new();

    public static async Task<AppProcess> StartAsync(string databasePath, IDictionary<string, string> settings)
    {
        var port = FreePort();
        var address = new Uri($"http://127.0.0.1:{port}");
        var appDir = AppDirectory();
        var start = new ProcessStartInfo("dotnet", [Path.Combine(appDir, "AgentWorkspace.dll"), "--urls", address.ToString()])
        {
            WorkingDirectory = appDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ConnectionStrings__Workspace"] = $"Data Source={databasePath}";
        start.Environment["Workspace__Ingest__ApiKey"] = WorkspaceApp.ApiKey;
        start.Environment["Workspace__Seed__DemoPassword"] = WorkspaceApp.DemoPassword;
        start.Environment["Workspace__Simulator__Enabled"] = "false";
        start.Environment["Workspace__Limits__ApiRequestsPerSecond"] = "100000";
        start.Environment["Workspace__Limits__LoginAttemptsPerMinute"] = "100000";
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }
        var process = Process.Start(start)!;
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) log.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) log.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var app = new AppProcess(process, address) { Log = log };
        using var http = new HttpClient { BaseAddress = address };
        var deadline = DateTime.UtcNow.AddSeconds(60);
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
                throw new InvalidOperationException($"The app exited with {process.ExitCode} before answering /health.");
            }
            await Task.Delay(200);
        }
        app.Kill();
        throw new TimeoutException("The app did not answer /health within 60 s.");
    }

    /// <summary>SIGKILL: no graceful shutdown, in-memory job storage gone, exactly like a crash.</summary>
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
        client.DefaultRequestHeaders.Add("X-Api-Key", WorkspaceApp.ApiKey);
        return client;
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    /// <summary>The app's own build output beside the tests' (same configuration).</summary>
    private static string AppDirectory()
    {
        var testDir = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
        var configDir = Directory.GetParent(testDir)!;
        var configuration = configDir.Name;
        var root = configDir.Parent!.Parent!.Parent!.FullName;
        var appDir = Path.Combine(root, "AgentWorkspace", "bin", configuration, Path.GetFileName(testDir));
        return File.Exists(Path.Combine(appDir, "AgentWorkspace.dll")) ? appDir : testDir;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
