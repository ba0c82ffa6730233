using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AgentWorkspace.Benchmarks.Circuits;

/// <summary>
/// A headless Blazor Server circuit, in the spirit of ASP.NET Core's Ignitor: it does what
/// blazor.web.js does for an interactive-server page, without a browser or a DOM. It reads the
/// prerendered page's component markers (<c>&lt;!--Blazor:{…}--&gt;</c>, each with its protected
/// descriptor) and persisted state, opens the <c>/_blazor</c> hub over WebSockets with the user's
/// cookie ("blazorpack" protocol), calls <c>StartCircuit</c>, waits for the server to attach its
/// renderer, adds the root components with <c>UpdateRootComponents</c>, and then acknowledges every
/// <c>JS.RenderBatch</c> with <c>OnRenderCompleted</c> as a browser does once it has applied it.
/// JavaScript interop calls are answered as a page without those scripts would (no value), except
/// <c>Virtualize</c>, which is told the viewport of a desktop screen so a list renders the rows a
/// person would see. Render batches are not applied: the client reads their string table to tell
/// when a text it waits for has been rendered.
/// </summary>
public sealed partial class BlazorCircuitClient : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private readonly TaskCompletionSource _attached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<(Func<string, bool> Matches, TaskCompletionSource<long> Seen)> _waiters = [];
    private readonly Lock _gate = new();
    private readonly float _viewportHeight;
    private long _nextJsObjectId;
    private long _nextCallId;

    private BlazorCircuitClient(HubConnection connection, float viewportHeight)
    {
        _connection = connection;
        _viewportHeight = viewportHeight;
    }

    public string? CircuitId { get; private set; }

    /// <summary>Where to describe what the circuit exchanges, when diagnosing the client.</summary>
    public static Action<string>? Trace { get; set; }

    /// <summary>Render batches received (and acknowledged) so far.</summary>
    public int Batches => _batches;

    private int _batches;

    /// <summary>The server's <c>JS.Error</c>, if the circuit failed.</summary>
    public string? Error { get; private set; }

    /// <summary>
    /// Signs <paramref name="userName"/> in through the sign-in form and returns the cookies a browser
    /// would keep. <paramref name="http"/> must not follow redirects or keep cookies itself.
    /// </summary>
    public static async Task<CookieContainer> SignInAsync(HttpClient http, string userName, string password, CancellationToken ct = default)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = userName, ["password"] = password, ["returnUrl"] = "/queue" });
        using var response = await http.PostAsync("/account/login", form, ct);
        var location = response.Headers.Location?.ToString() ?? "";
        if (response.StatusCode != HttpStatusCode.Redirect || location.Contains("error=", StringComparison.Ordinal) || location.StartsWith("/account/password", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Sign-in as {userName} failed: {(int)response.StatusCode} → {location}");
        }
        var cookies = new CookieContainer();
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            foreach (var header in setCookies)
            {
                cookies.SetCookies(http.BaseAddress!, header);
            }
        }
        if (cookies.GetCookies(http.BaseAddress!).Count == 0)
        {
            throw new InvalidOperationException($"Sign-in as {userName} set no cookie.");
        }
        return cookies;
    }

    /// <summary>
    /// Loads <paramref name="path"/> as a browser would and starts its circuit; returns once a render
    /// batch has shown <paramref name="readyText"/> (e.g. a <c>data-testid</c> the page renders when it
    /// has loaded).
    /// </summary>
    public static async Task<BlazorCircuitClient> StartAsync(HttpClient http, CookieContainer cookies, string path, string readyText,
        TimeSpan timeout, float viewportHeight = 900, CancellationToken ct = default)
    {
        var pageUri = new Uri(http.BaseAddress!, path);
        using var request = new HttpRequestMessage(HttpMethod.Get, pageUri);
        if (cookies.GetCookieHeader(pageUri) is { Length: > 0 } cookieHeader)
        {
            request.Headers.Add("Cookie", cookieHeader);
        }
        using var response = await http.SendAsync(request, ct);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode} {response.Headers.Location}");
        }
        var html = await response.Content.ReadAsStringAsync(ct);
        var markers = ServerMarkers(html);
        if (markers.Count == 0)
        {
            throw new InvalidOperationException($"GET {path} has no interactive server components.");
        }
        var state = StateComment().Match(html) is { Success: true } m ? m.Groups[1].Value : "";

        var connection = WithBlazorPack(new HubConnectionBuilder())
            .WithUrl(new Uri(http.BaseAddress!, "_blazor"), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                o.Cookies = cookies;
            })
            .WithServerTimeout(TimeSpan.FromMinutes(5))
            .Build();
        // A loaded server (thousands of circuits on two cores) may take longer than the default 15 s to answer the handshake.
        connection.HandshakeTimeout = timeout;
        var client = new BlazorCircuitClient(connection, viewportHeight);
        client.Register();
        // Static markup reaches the client as one markup string, attribute values in frames of their own.
        var ready = client.WhenRendered(s => s == readyText || s.Contains($"\"{readyText}\"", StringComparison.Ordinal));
        try
        {
            await connection.StartAsync(ct);
            var baseUri = new Uri(http.BaseAddress!, "/").ToString();
            client.CircuitId = await connection.InvokeAsync<string?>("StartCircuit", baseUri, pageUri.ToString(), "[]", state, ct)
                ?? throw new InvalidOperationException($"StartCircuit refused: {client.Error}");
            await client._attached.Task.WaitAsync(timeout, ct);
            var operations = new JsonObject
            {
                ["batchId"] = 1,
                ["operations"] = new JsonArray([.. markers.Select((marker, i) => (JsonNode)new JsonObject
                {
                    ["type"] = "add",
                    ["ssrComponentId"] = i + 1,
                    ["marker"] = marker,
                })]),
            };
            await connection.SendAsync("UpdateRootComponents", operations.ToJsonString(), state, ct);
            await ready.WaitAsync(timeout, ct);
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    /// <summary>Completes with the <see cref="Stopwatch"/> timestamp of the first batch (from now on) with <paramref name="text"/> as one of its strings (a text or an attribute value).</summary>
    public Task<long> WhenRendered(string text) => WhenRendered(s => s == text);

    /// <summary>Completes with the <see cref="Stopwatch"/> timestamp of the first batch (from now on) with a string that <paramref name="matches"/>.</summary>
    public Task<long> WhenRendered(Func<string, bool> matches)
    {
        var seen = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _waiters.Add((matches, seen));
        }
        return seen.Task;
    }

    /// <summary>Forgets waiters that never saw their text (after a timeout).</summary>
    public void ForgetWaiters()
    {
        lock (_gate)
        {
            _waiters.Clear();
        }
    }

    private void Register()
    {
        _connection.On<long, byte[]>("JS.RenderBatch", OnRenderBatch);
        _connection.On<long, string, string?, int, long, int>("JS.BeginInvokeJS", OnBeginInvokeJS);
        _connection.On<string>("JS.Error", error =>
        {
            Trace?.Invoke("JS.Error " + error);
            Error = error;
            lock (_gate)
            {
                foreach (var (_, seen) in _waiters)
                {
                    seen.TrySetException(new InvalidOperationException("The circuit failed: " + error));
                }
                _waiters.Clear();
            }
        });
        // Answers and notices a browser acts on but this client has nothing to do with.
        _connection.On<string, bool, string>("JS.EndInvokeDotNet", (_, _, _) => { });
        _connection.On<long>("JS.EndUpdateRootComponents", _ => { });
        _connection.On<string, bool, string?>("JS.EndLocationChanging", (_, _, _) => { });
    }

    private Task OnRenderBatch(long batchId, byte[] data)
    {
        var at = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref _batches);
        Trace?.Invoke($"batch {batchId}: {data.Length} bytes: {string.Join(" | ", RenderBatchStrings.All(data))}");
        lock (_gate)
        {
            if (_waiters.Count > 0)
            {
                var strings = RenderBatchStrings.All(data);
                for (var i = _waiters.Count - 1; i >= 0; i--)
                {
                    if (strings.Any(_waiters[i].Matches))
                    {
                        _waiters[i].Seen.TrySetResult(at);
                        _waiters.RemoveAt(i);
                    }
                }
            }
        }
        // What blazor.web.js sends once it has applied a batch; without it the server stops rendering
        // after CircuitOptions.MaxBufferedUnacknowledgedRenderBatches.
        return _connection.SendAsync("OnRenderCompleted", batchId, null);
    }

    private async Task OnBeginInvokeJS(long asyncHandle, string identifier, string? argsJson, int resultType, long targetInstanceId, int callType)
    {
        Trace?.Invoke($"JS {identifier} ({resultType}) {argsJson}");
        if (identifier == "Blazor._internal.attachWebRendererInterop")
        {
            _attached.TrySetResult();
        }
        if (asyncHandle != 0)
        {
            // JSCallResultType: 0 default, 1 JS object reference, 2 stream reference, 3 void.
            var result = resultType == 1 ? $"{{\"__jsObjectId\":{Interlocked.Increment(ref _nextJsObjectId)}}}" : "null";
            await _connection.SendAsync("EndInvokeJSFromDotNet", asyncHandle, true, $"[{asyncHandle},true,{result}]");
        }
        if (identifier == "Blazor._internal.Virtualize.init" && argsJson is not null
            && JsonNode.Parse(argsJson) is JsonArray { Count: > 0 } args && args[0]?["__dotNetObject"]?.GetValue<long>() is { } helper)
        {
            // What the IntersectionObserver reports for a list at the top of a desktop screen: the
            // leading spacer visible, empty, in a viewport this tall.
            var callId = Interlocked.Increment(ref _nextCallId).ToString(System.Globalization.CultureInfo.InvariantCulture);
            await _connection.SendAsync("BeginInvokeDotNetFromJS", callId, null, "OnSpacerBeforeVisible", helper,
                JsonSerializer.Serialize(new[] { 0f, 0f, _viewportHeight }));
        }
    }

    private static List<JsonObject> ServerMarkers(string html)
    {
        var markers = new List<JsonObject>();
        foreach (Match match in Marker().Matches(html))
        {
            if (JsonNode.Parse(match.Groups[1].Value) is JsonObject marker && marker["type"]?.GetValue<string>() == "server")
            {
                markers.Add(marker);
            }
        }
        return markers;
    }

    [GeneratedRegex(@"<!--Blazor:(\{.*?\})-->", RegexOptions.Singleline)]
    private static partial Regex Marker();

    [GeneratedRegex(@"<!--Blazor-Server-Component-State:([A-Za-z0-9+/=]+)-->")]
    private static partial Regex StateComment();

    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    /// <summary>The hub connection with only the blazorpack protocol registered.</summary>
    private static IHubConnectionBuilder WithBlazorPack(IHubConnectionBuilder builder)
    {
        builder.Services.RemoveAll<IHubProtocol>();
        builder.Services.AddSingleton<IHubProtocol>(new BlazorPackHubProtocol());
        return builder;
    }
}
