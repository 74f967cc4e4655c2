<?php
// PHP's SoapServer in WSDL mode, run as the router of `php -S 127.0.0.1:<port> server.php`:
// CONTRACT names the WSDL it serves, KIND which service ("catalog": the rpc/encoded catalogue
// of test/fixtures/golden/rpc-encoded, "orders": the document/literal orders service of
// test/fixtures/golden/anonymous-types); STATE a file for the last request. Every handler derives its answer from what it read,
// so the test can tell from the answer what PHP decoded; a GET of /last answers with the last
// request PHP decoded, as JSON, for the test to compare with what it sent.

ini_set('soap.wsdl_cache_enabled', '0');
ini_set('display_errors', 'stderr');

// Where the last request read is kept between requests (a file in the test's temporary folder).
$state = getenv('STATE');

if ($_SERVER['REQUEST_METHOD'] === 'GET' && $_SERVER['REQUEST_URI'] === '/last') {
    header('Content-Type: application/json');
    echo is_file($state) ? file_get_contents($state) : 'null';
    return true;
}

/** Records what a handler read (binary strings as base64, objects as arrays). */
function remember(array $values): void
{
    global $state;
    array_walk_recursive($values, function (&$v) {
        if (is_string($v) && preg_match('//u', $v) !== 1) $v = ['base64' => base64_encode($v)];
    });
    file_put_contents($state, json_encode($values, JSON_PRESERVE_ZERO_FRACTION));
}

function plain($value)
{
    return json_decode(json_encode($value), true);
}

class Catalog
{
    public function getProduct($id)
    {
        remember(['id' => $id]);
        return ['id' => $id, 'name' => "product $id", 'price' => $id * 1.5, 'color' => 'green', 'tags' => ['t' . $id, 'new'], 'note' => null];
    }

    public function findProducts($query, $colors)
    {
        remember(['query' => $query, 'colors' => plain($colors)]);
        // One object twice: PHP's encoder writes the second as a reference (href) to the first.
        $first = (object) ['id' => 1, 'name' => $query, 'price' => 2.25, 'color' => $colors[0] ?? 'red', 'tags' => $colors, 'note' => 'first'];
        $list = [$first, $first];
        foreach ($colors as $i => $c) {
            $list[] = (object) ['id' => 10 + $i, 'name' => "$query $c", 'price' => 1.0, 'color' => $c, 'tags' => [], 'note' => null];
        }
        return $list;
    }

    public function sum($rows, $extra)
    {
        remember(['rows' => plain($rows), 'extra' => plain($extra)]);
        $total = 0;
        foreach ($rows as $row) foreach ($row as $v) $total += $v;
        foreach ($extra as $v) $total += $v;
        return $total;
    }

    public function echo($text, $flag, $small, $amount, $ratio, $when, $day, $data, $color)
    {
        $all = compact('text', 'flag', 'small', 'amount', 'ratio', 'when', 'day', 'data', 'color');
        remember($all);
        return $all;
    }
}

class Orders
{
    public function PlaceOrder($request)
    {
        $order = plain($request)['Order'];
        remember($order);
        $lines = isset($order['Line']['Sku']) ? [$order['Line']] : $order['Line'];
        $accepted = [];
        foreach ($lines as $line) $accepted[] = ['Sku' => $line['Sku'] . ' x' . $line['Quantity']];
        return ['Accepted' => $accepted];
    }
}

$server = new SoapServer(getenv('CONTRACT'), ['cache_wsdl' => WSDL_CACHE_NONE]);
$server->setClass(getenv('KIND') === 'catalog' ? 'Catalog' : 'Orders');
$server->handle();
return true;
