using Petitions.Testing;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Petitions.Web.Tests;

/// <summary>One site and one throwaway database for the whole run; each test starts from empty data.</summary>
[CollectionDefinition(Name)]
public sealed class WebCollection : ICollectionFixture<PetitionsFactory>
{
    public const string Name = "web";
}

/// <summary>Base for integration tests: resets the database before each test and gives a form client.</summary>
[Collection(WebCollection.Name)]
public abstract class WebTest(PetitionsFactory factory) : IAsyncLifetime
{
    protected PetitionsFactory Factory { get; } = factory;

    protected FormClient NewClient(bool followRedirects = false) =>
        new(Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = followRedirects,
            HandleCookies = true,
        }));

    public virtual Task InitializeAsync() => Factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}
