using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace AgentWorkspace.Features.Security;

/// <summary>
/// Bad input never answers 500: every request body is bounded (413 over the limit), API bodies must
/// be JSON, and a body the binder cannot read (not JSON, not UTF-8, nested too deep, a wrong type
/// for a field) answers 400 problem+json naming the field. Endpoints run only on bodies that passed,
/// so nothing is written.
/// </summary>
public sealed class BadRequestMiddleware(RequestDelegate next, IOptions<LimitsOptions> limits)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var request = http.Request;
        var max = limits.Value.MaxRequestBodyBytes;
        if (HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method) || HttpMethods.IsPatch(request.Method))
        {
            if (request.ContentLength > max)
            {
                await Problem(http, StatusCodes.Status413PayloadTooLarge, "body", $"The body is larger than {max} bytes.");
                return;
            }
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            {
                size.MaxRequestBodySize = max;
            }
            // Servers without that feature (and chunked bodies) are held to the same limit while reading.
            request.Body = new LimitedReadStream(request.Body, max);
            if (request.Path.StartsWithSegments("/api") && !IsJson(request.ContentType))
            {
                await Problem(http, StatusCodes.Status400BadRequest, "Content-Type", "The body must be application/json (UTF-8).");
                return;
            }
        }
        try
        {
            await next(http);
        }
        catch (BadHttpRequestException ex) when (!http.Response.HasStarted)
        {
            var status = ex.StatusCode == StatusCodes.Status413PayloadTooLarge ? ex.StatusCode : StatusCodes.Status400BadRequest;
            var (field, message) = Describe(ex);
            await Problem(http, status, field, message);
        }
        catch (Exception ex) when (!http.Response.HasStarted && ex is JsonException or DecoderFallbackException or InvalidDataException)
        {
            var (field, message) = Describe(ex);
            await Problem(http, StatusCodes.Status400BadRequest, field, message);
        }
    }

    private static bool IsJson(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media))
        {
            return false;
        }
        var json = media.MediaType is "application/json" || (media.MediaType?.EndsWith("+json", StringComparison.OrdinalIgnoreCase) ?? false);
        return json && (media.CharSet is null || media.CharSet.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || media.CharSet.Equals("\"utf-8\"", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The JSON path names the field ("$.text" → text); otherwise the body as a whole is at fault.</summary>
    private static (string Field, string Detail) Describe(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (e is JsonException { Path: { Length: > 2 } path } && path.StartsWith("$.", StringComparison.Ordinal))
            {
                var field = path[2..].Split('.', '[')[0];
                return (field, $"{field} has the wrong type or is not valid text.");
            }
        }
        return ex is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }
            ? ("body", "The body is too large.")
            : ("body", "The body could not be read: it must be valid UTF-8 JSON of the documented shape.");
    }

    private static Task Problem(HttpContext http, int status, string field, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, statusCode: status, title: "The request was not accepted; nothing was stored.")
            .ExecuteAsync(http);
}

/// <summary>Throws 413 once more than the limit has been read, whatever the server or the Content-Length said.</summary>
internal sealed class LimitedReadStream(Stream inner, long limit) : Stream
{
    private long _read;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private int Count(int n)
    {
        _read += n;
        if (_read > limit)
        {
            throw new BadHttpRequestException("The body is too large.", StatusCodes.Status413PayloadTooLarge);
        }
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
