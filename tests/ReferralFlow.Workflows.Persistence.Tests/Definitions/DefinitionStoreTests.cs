using Microsoft.EntityFrameworkCore;
using ReferralFlow.Workflows.Persistence.Tests.Infrastructure;
using ReferralFlow.Workflows.Validation;

namespace ReferralFlow.Workflows.Persistence.Tests.Definitions;

public abstract class DefinitionStoreTests<TFixture>(TFixture fixture) : StoreTest<TFixture>(fixture)
    where TFixture : IDatabaseFixture
{
    [Fact]
    public async Task Saving_a_draft_and_publishing_twice_creates_immutable_versions_1_and_2()
    {
        var store = NewStore();
        var draft = await store.SaveDraftAsync(District, "referral", TestBpmn.VisitThenAssess(), expectedRevision: 0, Ct);
        Assert.Equal((1, 0, "referral workflow"), (draft.Revision, draft.LatestVersion, draft.Name));

        var v1 = await store.PublishAsync(District, "referral", "designer@hub", Ct);
        Clock.Advance(TimeSpan.FromHours(1));
        var edited = await store.SaveDraftAsync(District, "referral", TestBpmn.VisitThenAssess("close", "종결"), expectedRevision: 1, Ct);
        var v2 = await store.PublishAsync(District, "referral", "designer@hub", Ct);

        Assert.Equal((1, 2), (v1.Version, v2.Version));
        Assert.Equal(2, edited.Revision);
        Assert.NotEqual(v1.Id, v2.Id);
        var storedV1 = await store.GetVersionAsync(District, "referral", 1, Ct);
        Assert.Equal(TestBpmn.VisitThenAssess(), storedV1!.Xml);
        Assert.Equal("designer@hub", storedV1.PublishedBy);
        Assert.Equal(T0, storedV1.PublishedAt);
        Assert.Equal(v2.Id, (await store.GetVersionAsync(District, "referral", cancellationToken: Ct))!.Id);
        Assert.Equal(2, (await store.GetDraftAsync(District, "referral", Ct))!.LatestVersion);
    }

    [Fact]
    public async Task Saving_a_draft_from_a_stale_revision_is_a_conflict()
    {
        await NewStore().SaveDraftAsync(District, "referral", TestBpmn.VisitThenAssess(), null, Ct);
        await NewStore().SaveDraftAsync(District, "referral", TestBpmn.VisitThenAssess("close"), expectedRevision: 1, Ct);

        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(
            () => NewStore().SaveDraftAsync(District, "referral", TestBpmn.VisitThenAssess("other"), expectedRevision: 1, Ct));

        Assert.Equal(2, conflict.CurrentRevision);
        Assert.Contains("close", (await NewStore().GetDraftAsync(District, "referral", Ct))!.Xml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publishing_invalid_bpmn_is_refused_with_the_issues_and_creates_no_version()
    {
        var store = NewStore();
        await store.SaveDraftAsync(District, "scripted", TestBpmn.WithScriptTask(), null, Ct);

        var refused = await Assert.ThrowsAsync<DefinitionInvalidException>(() => store.PublishAsync(District, "scripted", "designer@hub", Ct));

        Assert.Contains(refused.Issues, i => i.Severity == IssueSeverity.Error && i.ElementId == "run_script");
        await using var db = NewContext();
        Assert.Equal(0, await db.Versions.CountAsync(Ct));
        Assert.Null(await store.GetVersionAsync(District, "scripted", cancellationToken: Ct));
    }

    [Fact]
    public async Task Publishing_an_unknown_key_is_not_found()
    {
        await Assert.ThrowsAsync<WorkflowNotFoundException>(() => NewStore().PublishAsync(District, "missing", "designer@hub", Ct));
        await Assert.ThrowsAsync<WorkflowNotFoundException>(() => NewRuntime().StartAsync(District, "missing", null, null, Ct));
    }

    [Fact]
    public async Task Running_instances_stay_on_the_version_they_started_with()
    {
        var v1 = await PublishAsync("referral", TestBpmn.VisitThenAssess());
        var onV1 = await NewRuntime().StartAsync(District, "referral", "R-2026-001", null, Ct);
        await PublishAsync("referral", TestBpmn.VisitThenAssess("close", "종결"));
        var onV2 = await NewRuntime().StartAsync(District, "referral", "R-2026-002", null, Ct);

        await NewRuntime().CompleteTaskAsync(onV1.InstanceId, (await TasksAsync(onV1.InstanceId)).Single().TaskId, null, null, Ct);
        await NewRuntime().CompleteTaskAsync(onV2.InstanceId, (await TasksAsync(onV2.InstanceId)).Single().TaskId, null, null, Ct);

        Assert.Equal(v1.Id, (await InstanceAsync(onV1.InstanceId)).VersionId);
        Assert.NotEqual(v1.Id, (await InstanceAsync(onV2.InstanceId)).VersionId);
        Assert.Equal(["visit", "assess"], (await TasksAsync(onV1.InstanceId)).Select(t => t.NodeId));
        Assert.Equal(["visit", "close"], (await TasksAsync(onV2.InstanceId)).Select(t => t.NodeId));
    }

    [Fact]
    public async Task Two_districts_own_separate_workflows_under_the_same_key()
    {
        const string Other = "서초구";
        var store = NewStore();
        await store.SaveDraftAsync(District, "referral", TestBpmn.VisitThenAssess(), expectedRevision: 0, Ct);
        await store.PublishAsync(District, "referral", "designer@gwanak", Ct);

        var theirs = await store.SaveDraftAsync(Other, "referral", TestBpmn.VisitThenAssess("close", "종결"), expectedRevision: 0, Ct);
        var theirVersion = await store.PublishAsync(Other, "referral", "designer@seocho", Ct);

        Assert.Equal((Other, 1, 1), (theirs.District, theirs.Revision, theirVersion.Version));
        Assert.Equal(District, (await store.GetVersionAsync(District, "referral", cancellationToken: Ct))!.District);
        Assert.Equal(TestBpmn.VisitThenAssess(), (await store.GetVersionAsync(District, "referral", cancellationToken: Ct))!.Xml);
        Assert.Equal(Other, (await store.GetVersionAsync(theirVersion.Id, Ct))!.District);
        Assert.Null(await store.GetDraftAsync("강남구", "referral", Ct));
        await Assert.ThrowsAsync<WorkflowNotFoundException>(() => store.PublishAsync("강남구", "referral", "designer@gangnam", Ct));
        var started = await NewRuntime().StartAsync(Other, "referral", null, null, Ct);
        Assert.Equal(theirVersion.Id, (await InstanceAsync(started.InstanceId)).VersionId);
    }
}

public sealed class PostgresDefinitionStoreTests(PostgresFixture fixture) : DefinitionStoreTests<PostgresFixture>(fixture);

public sealed class SqliteDefinitionStoreTests(SqliteFixture fixture) : DefinitionStoreTests<SqliteFixture>(fixture);
