using System.Net;
using System.Net.Http.Json;
using AgentWorkspace.Features.Accounts;
using AgentWorkspace.Features.Security;
using AgentWorkspace.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AgentWorkspace.Tests.Features.Security;

public sealed class ConnectorKeyTests(WorkspaceApp app) : IClassFixture<WorkspaceApp>
{
    private async Task<ConnectorKeyCreated> CreateAsync(string name, params string[] scopes)
    {
        using var lead = Callers.As("lead", "TeamLead");
        var (created, error) = await app.Get<ConnectorKeyStore>().CreateAsync(name, scopes, "lead", TestContext.Current.CancellationToken);
        Assert.Null(error);
        return created!;
    }

    private HttpClient ClientWith(string key)
    {
        var client = app.CreateClient(app.Options());
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    private static object Message(string customerId) => new { channel = "Email", customerId, text = "请问发票什么时候开好？" };

    [Fact]
    public async Task A_key_reaches_only_the_endpoints_its_scopes_name()
    {
        var ingest = await CreateAsync("邮件接入", ConnectorScopes.Ingest);
        var reader = await CreateAsync("报表读取", ConnectorScopes.Read);
        using var ingestClient = ClientWith(ingest.Secret);
        using var readClient = ClientWith(reader.Secret);
        var ct = TestContext.Current.CancellationToken;

        var posted = await ingestClient.PostAsJsonAsync("/api/messages", Message("scope-1"), ct);
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        var id = (await posted.Content.ReadFromJsonAsync<IngestReply>(Json.Options, ct))!.ConversationId;
        Assert.Equal(HttpStatusCode.OK, (await ingestClient.PostAsJsonAsync("/api/classify", new { text = "发票" }, ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ingestClient.GetAsync($"/api/conversations/{id}", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ingestClient.PostAsJsonAsync($"/api/conversations/{id}/satisfaction", new { answer = "满意" }, ct)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await readClient.GetAsync($"/api/conversations/{id}", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await readClient.PostAsJsonAsync("/api/messages", Message("scope-2"), ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await readClient.PostAsJsonAsync("/api/classify", new { text = "发票" }, ct)).StatusCode);

        await using var db = app.Db();
        Assert.False(await db.Customers.AnyAsync(c => c.ExternalId == "scope-2", ct));
    }

    [Fact]
    public async Task A_revoked_key_is_refused_and_the_database_holds_only_its_hash()
    {
        var key = await CreateAsync("微博接入", ConnectorScopes.Ingest, ConnectorScopes.Read);
        using var client = ClientWith(key.Secret);
        var ct = TestContext.Current.CancellationToken;
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/messages", Message("revoke-1"), ct)).StatusCode);

        await using (var db = app.Db())
        {
            var stored = await db.ConnectorKeys.SingleAsync(k => k.Id == key.Key.Id, ct);
            Assert.NotEqual(key.Secret, stored.Hash);
            Assert.DoesNotContain(key.Secret[ConnectorKeyStore.SecretPrefix.Length..], stored.Hash + stored.Prefix + stored.Name);
            Assert.Equal(ConnectorKey.HashOf(key.Secret), stored.Hash);
        }

        using (Callers.As("lead", "TeamLead"))
        {
            Assert.True(await app.Get<ConnectorKeyStore>().RevokeAsync(key.Key.Id, "lead", ct));
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/messages", Message("revoke-2"), ct)).StatusCode);
        await using var after = app.Db();
        Assert.False(await after.Customers.AnyAsync(c => c.ExternalId == "revoke-2", ct));
        Assert.True(await after.Audit.AnyAsync(a => a.Action == "connector-key-revoked" && a.Subject == "微博接入", ct));
    }

    [Fact]
    public async Task The_plain_http_api_takes_no_key_in_the_query_string()
    {
        using var client = app.CreateClient(app.Options());
        var response = await client.GetAsync($"/api/conversations/1?access_token={WorkspaceApp.ApiKey}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Only_a_team_lead_may_create_list_or_revoke_keys()
    {
        var store = app.Get<ConnectorKeyStore>();
        using (Callers.As("agent1", "Agent"))
        {
            await Assert.ThrowsAsync<RoleRequiredException>(() => store.CreateAsync("x", [ConnectorScopes.Ingest], "agent1", TestContext.Current.CancellationToken));
            await Assert.ThrowsAsync<RoleRequiredException>(() => store.ListAsync(TestContext.Current.CancellationToken));
        }
        using (Callers.As("lijie", "Supervisor"))
        {
            await Assert.ThrowsAsync<RoleRequiredException>(() => store.RevokeAsync(1, "lijie", TestContext.Current.CancellationToken));
        }
        await using var db = app.Db();
        Assert.False(await db.ConnectorKeys.AnyAsync(k => k.Name == "x", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_key_without_a_name_or_scope_is_not_created()
    {
        using var lead = Callers.As("lead", "TeamLead");
        var store = app.Get<ConnectorKeyStore>();
        Assert.Equal("keys-error-name", (await store.CreateAsync("  ", [ConnectorScopes.Ingest], "lead", TestContext.Current.CancellationToken)).Error);
        Assert.Equal("keys-error-scopes", (await store.CreateAsync("空权限", [], "lead", TestContext.Current.CancellationToken)).Error);
        Assert.Equal("keys-error-scopes", (await store.CreateAsync("乱权限", ["admin"], "lead", TestContext.Current.CancellationToken)).Error);
    }
}
