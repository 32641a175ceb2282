namespace Petitions.Web;

/// <summary>Marker for the shared zh-CN and en strings in Resources/SharedResource.*.resx.</summary>
public sealed class SharedResource;
