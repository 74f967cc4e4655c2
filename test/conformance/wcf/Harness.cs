// The hand-written half of the WCF conformance harness (the other half, Contracts.cs, is emitted
// from the generated package's descriptors by contracts.ts). One program, two modes:
//
//   serve <url> <dir>          a ServiceHost with a BasicHttpBinding endpoint at <url>. Each
//                              operation writes what WCF deserialized to <dir>/<Op>.received.xml
//                              (every message member re-serialized by DataContractSerializer),
//                              then answers with <dir>/<Op>.reply.xml (deserialized by
//                              DataContractSerializer), or throws the FaultException that
//                              <dir>/<Op>.fault.txt describes (code name, code namespace, reason).
//   call <url> <dir> <op>...   a ChannelFactory client: each <op> sends <dir>/<Op>.send.xml and
//                              writes the response it got to <dir>/<Op>.got.xml, or the fault to
//                              <dir>/<Op>.fault.txt.
//
// The exchanged files are SOAP 1.1 envelopes, so the test reads and writes them with the
// generated package's own message functions.
using System;
using System.IO;
using System.Text;
using System.Xml;
using System.Runtime.Serialization;
using System.ServiceModel;
using System.ServiceModel.Channels;
using System.ServiceModel.Description;
using System.ServiceModel.Dispatcher;
using System.Collections.ObjectModel;

namespace WcfConformance {

  /// <summary>A message read from an envelope file, member by member.</summary>
  public sealed class EnvelopeIn {
    const string Soap11 = "http://schemas.xmlsoap.org/soap/envelope/";
    readonly XmlElement header, body;

    public EnvelopeIn(string path) {
      var doc = new XmlDocument { PreserveWhitespace = true };
      doc.Load(path);
      header = Section(doc.DocumentElement, "Header");
      body = Section(doc.DocumentElement, "Body");
    }

    static XmlElement Section(XmlElement envelope, string name) {
      foreach (XmlNode n in envelope.ChildNodes)
        if (n is XmlElement && n.LocalName == name && n.NamespaceURI == Soap11) return (XmlElement)n;
      return null;
    }

    static XmlElement Child(XmlElement parent, string name, string ns) {
      if (parent == null) return null;
      foreach (XmlNode n in parent.ChildNodes)
        if (n is XmlElement && n.LocalName == name && n.NamespaceURI == ns) return (XmlElement)n;
      return null;
    }

    /// <summary>A header's value; default(T) when the header is absent.</summary>
    public T Header<T>(string name, string ns) {
      var e = Child(header, name, ns);
      return e == null ? default(T) : Read<T>(e, name, ns);
    }

    public T Body<T>(string name, string ns) {
      var e = Child(body, name, ns);
      if (e == null) throw new InvalidDataException("no body element " + name);
      return Read<T>(e, name, ns);
    }

    static T Read<T>(XmlElement e, string name, string ns) {
      var serializer = new DataContractSerializer(typeof(T), name, ns);
      using (var reader = new XmlNodeReader(e)) {
        reader.MoveToContent();
        return (T)serializer.ReadObject(reader);
      }
    }
  }

  /// <summary>A message written member by member, each by DataContractSerializer.</summary>
  public sealed class EnvelopeOut {
    readonly StringBuilder header = new StringBuilder(), body = new StringBuilder();

    public void Header<T>(string name, string ns, T value) { header.Append(Write(name, ns, value)); }
    public void Body<T>(string name, string ns, T value) { body.Append(Write(name, ns, value)); }

    static string Write<T>(string name, string ns, T value) {
      var serializer = new DataContractSerializer(typeof(T), name, ns);
      var text = new StringBuilder();
      using (var writer = XmlWriter.Create(text, new XmlWriterSettings { OmitXmlDeclaration = true })) {
        serializer.WriteObject(writer, value);
      }
      return text.ToString();
    }

    public void Save(string path) {
      var xml = "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Header>" + header +
        "</s:Header><s:Body>" + body + "</s:Body></s:Envelope>";
      File.WriteAllText(path, xml, new UTF8Encoding(false));
    }
  }

  /// <summary>The folder the test and this program exchange messages through.</summary>
  public static class Exchange {
    public static string Dir;

    public static string File(string op, string suffix) { return Path.Combine(Dir, op + suffix); }

    /// <summary>Throws the fault the test asked for, if it asked for one.</summary>
    public static void FaultIfAsked(string op) {
      var path = File(op, ".fault.txt");
      if (!System.IO.File.Exists(path)) return;
      var lines = System.IO.File.ReadAllText(path, Encoding.UTF8).Split('\n');
      throw new FaultException(new FaultReason(lines[2]), new FaultCode(lines[0], lines[1]));
    }
  }

  /// <summary>
  /// Passes a FaultException through as the fault it describes. Without it Mono's dispatcher
  /// answers every exception, FaultException included, with an InternalServiceFault.
  /// </summary>
  public sealed class FaultPassThrough : IErrorHandler, IServiceBehavior {
    public bool HandleError(Exception error) { return true; }

    public void ProvideFault(Exception error, MessageVersion version, ref Message fault) {
      var fe = error as FaultException;
      if (fe == null) return;
      fault = Message.CreateMessage(version, fe.CreateMessageFault(), fe.Action);
    }

    public void AddBindingParameters(ServiceDescription d, ServiceHostBase h, Collection<ServiceEndpoint> e, BindingParameterCollection p) { }
    public void Validate(ServiceDescription d, ServiceHostBase h) { }
    public void ApplyDispatchBehavior(ServiceDescription d, ServiceHostBase host) {
      foreach (ChannelDispatcherBase b in host.ChannelDispatchers) {
        var cd = b as ChannelDispatcher;
        if (cd != null) cd.ErrorHandlers.Insert(0, this);
      }
    }
  }

  public static class Program {
    static BasicHttpBinding Binding() {
      var binding = new BasicHttpBinding();
      binding.MaxReceivedMessageSize = 64 * 1024 * 1024;
      binding.ReaderQuotas.MaxStringContentLength = 64 * 1024 * 1024;
      binding.ReaderQuotas.MaxArrayLength = 64 * 1024 * 1024;
      binding.ReaderQuotas.MaxDepth = 256;
      return binding;
    }

    public static int Main(string[] args) {
      if (args.Length < 3) { Console.Error.WriteLine("usage: serve <url> <dir> | call <url> <dir> <op>..."); return 2; }
      Exchange.Dir = args[2];
      if (args[0] == "serve") return Serve(args[1]);
      if (args[0] == "call") return Call(args[1], args);
      Console.Error.WriteLine("unknown mode " + args[0]);
      return 2;
    }

    static int Serve(string url) {
      var host = new ServiceHost(typeof(Service), new Uri(url));
      host.AddServiceEndpoint(typeof(IService), Binding(), "");
      host.Description.Behaviors.Add(new FaultPassThrough());
      host.Open();
      Console.WriteLine("listening");
      // The test ends the service by closing standard input.
      while (Console.In.ReadLine() != null) { }
      host.Close();
      return 0;
    }

    static int Call(string url, string[] args) {
      for (var i = 3; i < args.Length; i++) {
        var op = args[i];
        // A factory for each call: after a fault, Mono's channel and its factory are disposed.
        var factory = new ChannelFactory<IService>(Binding(), new EndpointAddress(url));
        try {
          Caller.Call(factory.CreateChannel(), op);
          factory.Close();
        } catch (FaultException e) {
          var code = e.Code;
          System.IO.File.WriteAllText(Exchange.File(op, ".fault.txt"), code.Name + "\n" + code.Namespace + "\n" + e.Reason.ToString(), new UTF8Encoding(false));
          factory.Abort();
        }
      }
      Console.WriteLine("done");
      return 0;
    }
  }
}
