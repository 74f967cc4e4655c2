<?php
// PHP's SoapClient in WSDL mode calling a service (the generated test double, in the test):
//   php client.php <kind> <contract> <endpoint> <input.json>
// kind "catalog" calls every operation of the rpc/encoded catalogue, "orders" PlaceOrder of the
// document/literal orders service, with the arguments in input.json; it prints what each call
// returned as JSON (binary strings as {"base64": ...}). A SOAP fault ends it with exit code 1.

ini_set('soap.wsdl_cache_enabled', '0');
[, $kind, $contract, $endpoint, $inputFile] = $argv;
$in = json_decode(file_get_contents($inputFile), true);
$client = new SoapClient($contract, ['location' => $endpoint, 'cache_wsdl' => WSDL_CACHE_NONE, 'exceptions' => true]);

/** Objects as arrays, binary strings as {"base64": ...}, for JSON. */
function plain($value)
{
    if (is_object($value)) $value = get_object_vars($value);
    if (is_array($value)) return array_map('plain', $value);
    if (is_string($value) && preg_match('//u', $value) !== 1) return ['base64' => base64_encode($value)];
    return $value;
}

try {
    $out = [];
    if ($kind === 'catalog') {
        $out['getProduct'] = $client->__soapCall('getProduct', [$in['getProduct']['id']]);
        $out['findProducts'] = $client->__soapCall('findProducts', [$in['findProducts']['query'], $in['findProducts']['colors']]);
        $out['sum'] = $client->__soapCall('sum', [$in['sum']['rows'], $in['sum']['extra']]);
        $e = $in['echo'];
        $args = [$e['text'], $e['flag'], $e['small'], $e['amount'], $e['ratio'], $e['when'], $e['day'], base64_decode($e['data']), $e['color']];
        $out['echo'] = $client->__soapCall('echo', $args);
    } else {
        $out['PlaceOrder'] = $client->__soapCall('PlaceOrder', [$in['PlaceOrder']]);
    }
    echo json_encode(plain($out), JSON_PRESERVE_ZERO_FRACTION);
} catch (SoapFault $f) {
    fwrite(STDERR, "SOAP fault {$f->faultcode}: {$f->getMessage()}\n");
    exit(1);
}
